// Layout problems inside one part of a page (a section, a form): what a narrow window or a long translation
// breaks. Used by the e2e tests that check a surface at 320 px in English, German and Arabic.
import type { Frame } from 'playwright-core';

export interface LayoutProblems {
  /** Elements reaching outside the part sideways. */
  outside: string[];
  /** Elements whose content is wider than they are (cut off or spilling over). */
  spilling: string[];
  /** Texts and visible form controls whose boxes overlap another's (a control and its own words excepted). */
  overlapping: string[];
}

type Box = { left: number; right: number; top: number; bottom: number; width: number; height: number };
interface LayoutNode {
  textContent: string | null;
  contains(other: LayoutNode): boolean;
}
interface LayoutElement extends LayoutNode {
  getBoundingClientRect(): Box;
  scrollWidth: number;
  clientWidth: number;
  tagName: string;
  getAttribute(name: string): string | null;
}
type LayoutGlobals = {
  document: {
    querySelector(s: string): (LayoutElement & { querySelectorAll(s: string): ArrayLike<LayoutElement> }) | null;
    createTreeWalker(root: unknown, what: number): { nextNode(): LayoutNode | null };
    createRange(): { selectNodeContents(n: unknown): void; getClientRects(): ArrayLike<Box> };
  };
  getComputedStyle(e: LayoutElement): { opacity: string; visibility: string };
};

/** The layout problems of the first element matching `selector` in the frame (an empty list each when all is well). */
export const layoutProblems = (frame: Frame, selector: string): Promise<LayoutProblems> =>
  frame.evaluate((rootSelector) => {
    const g = globalThis as unknown as LayoutGlobals;
    const root = g.document.querySelector(rootSelector);
    if (!root) throw new Error(`nothing matches ${rootSelector}`);
    const outer = root.getBoundingClientRect();
    const name = (e: { tagName: string; textContent: string | null }) =>
      `${e.tagName}: ${(e.textContent ?? '').trim().slice(0, 40)}`;
    const outside: string[] = [];
    const spilling: string[] = [];
    for (const e of Array.from(root.querySelectorAll('*'))) {
      const box = e.getBoundingClientRect();
      if (box.width === 0) continue;
      if (box.left < outer.left - 1 || box.right > outer.right + 1) outside.push(name(e));
      if (e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1) spilling.push(name(e));
    }
    type Piece = { label: string; node: LayoutNode; boxes: Box[]; control: boolean };
    const pieces: Piece[] = [];
    const walker = g.document.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!(node.textContent ?? '').trim()) continue;
      const range = g.document.createRange();
      range.selectNodeContents(node);
      pieces.push({
        label: node.textContent!.trim().slice(0, 40),
        node,
        boxes: Array.from(range.getClientRects()),
        control: false,
      });
    }
    // Controls drawn on screen; Fluent's checkboxes and radios lay a transparent input over their label on purpose.
    for (const e of Array.from(root.querySelectorAll('input, select, textarea, button'))) {
      const style = g.getComputedStyle(e);
      const box = e.getBoundingClientRect();
      if (box.width === 0 || style.opacity === '0' || style.visibility === 'hidden') continue;
      const label = e.getAttribute('aria-label') ?? (e.textContent ?? '').trim().slice(0, 40);
      pieces.push({ label: `<${e.tagName.toLowerCase()}> ${label}`.trim(), node: e, boxes: [box], control: true });
    }
    const overlapping: string[] = [];
    const meets = (a: Box, b: Box) =>
      Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
      Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
    const nested = (a: Piece, b: Piece) =>
      (a.control && a.node.contains(b.node)) || (b.control && b.node.contains(a.node));
    for (const [i, a] of pieces.entries())
      for (const b of pieces.slice(i + 1))
        if (!nested(a, b) && a.boxes.some((x) => b.boxes.some((y) => meets(x, y))))
          overlapping.push(`${a.label} / ${b.label}`);
    return { outside, spilling, overlapping };
  }, selector);
