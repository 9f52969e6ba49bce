// The package's types sit beside its ES module; its CommonJS entry (what we load) has none.
declare module 'marked-gfm-heading-id' {
  import type { MarkedExtension } from 'marked';
  export function gfmHeadingId(options?: { prefix?: string; globalSlugs?: boolean }): MarkedExtension;
}
