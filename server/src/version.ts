/** The analyzer's version, reported by `--version` and in `initialize`. */
export const VERSION = '0.1.0';
