export { algorithmForKey, type MintTokenOptions, mintToken, type RefPolicy } from './mint-token.js';
