/**
 * The widget runs in a document of its own (side panel, in-page card) and in a shadow root (the embedded
 * element). There `document.activeElement` is the element's host and `document.getElementById` finds nothing
 * inside, so lookups go through the node's own root.
 */
type Root = Document | ShadowRoot;

function rootOf(node: Node): Root {
  const root = node.getRootNode();
  return root instanceof ShadowRoot ? root : document;
}

/** The focused element in the same tree as `node` (null when focus is outside it). */
export function activeElementOf(node: Node): Element | null {
  return rootOf(node).activeElement;
}

/** An element by id in the same tree as `node`. */
export function byId(node: Node | null | undefined, id: string): HTMLElement | null {
  return (node ? rootOf(node) : document).getElementById(id);
}
