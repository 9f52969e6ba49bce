import { configure } from '@testing-library/dom';
// jsdom lacks ResizeObserver, which Fluent's MessageBar uses to reflow; browsers all have it.
class ResizeObserverStandIn {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
(globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= ResizeObserverStandIn;

// The components talk to a real server; its first request (cold caches, key import) can take over a second.
configure({ asyncUtilTimeout: 5000 });
