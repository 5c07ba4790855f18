/**
 * Loads the line renderer chunk once. `DiffView` calls it when it first renders, so the chunk is
 * on its way while the toolbar and file list draw; `DiffFile` waits for it per piece.
 */
let loading: Promise<typeof import('./DiffPiece.js')> | undefined;

export function loadPieceRenderer(): Promise<typeof import('./DiffPiece.js')> {
  loading ??= import('./DiffPiece.js');
  return loading;
}
