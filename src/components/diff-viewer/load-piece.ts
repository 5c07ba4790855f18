/**
 * Loads the line renderer chunk once. `DiffView` asks for it when its module runs in a browser
 * (and again when it renders), so the chunk is on its way while the app starts; `DiffFile` draws
 * pieces with it directly once it is here, and suspends only while it is not (React reveals a
 * suspended boundary up to 300 ms late, so a component that is already loaded must not suspend).
 */
type PieceModule = typeof import('./DiffPiece.js');

let loading: Promise<PieceModule> | undefined;
let loaded: PieceModule | undefined;

export function loadPieceRenderer(): Promise<PieceModule> {
  loading ??= import('./DiffPiece.js').then((module) => {
    loaded = module;
    return module;
  });
  return loading;
}

/** The line renderer when its chunk has arrived, else undefined. */
export function loadedPieceRenderer(): PieceModule | undefined {
  return loaded;
}
