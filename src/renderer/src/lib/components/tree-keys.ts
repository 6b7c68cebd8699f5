/** What a key pressed on a tree item asks for, following the WAI-ARIA tree view pattern. */
export type TreeKeyAction =
  { kind: 'focus'; item: HTMLElement | undefined } | { kind: 'expand' } | { kind: 'collapse' } | { kind: 'activate' };

/**
 * `items` are the tree's visible items in document order (a folded branch renders none); a child
 * names its parent's `data-key` in `data-parent-key`. Up/Down
 * move, Home/End jump, Right unfolds or enters, Left folds or climbs to the parent, Enter/Space
 * act, and a printable character moves to the next item starting with it (type-ahead).
 */
export function treeKeyAction(
  event: KeyboardEvent,
  item: HTMLElement,
  items: readonly HTMLElement[],
): TreeKeyAction | null {
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  const index = items.indexOf(item);
  const expanded = item.getAttribute('aria-expanded');
  switch (event.key) {
    case 'ArrowDown':
      return { kind: 'focus', item: items[index + 1] };
    case 'ArrowUp':
      return { kind: 'focus', item: items[index - 1] };
    case 'Home':
      return { kind: 'focus', item: items[0] };
    case 'End':
      return { kind: 'focus', item: items.at(-1) };
    case 'ArrowRight':
      if (expanded === 'false') return { kind: 'expand' };
      if (expanded === 'true') {
        const child = items[index + 1];
        return { kind: 'focus', item: child && child.dataset['parentKey'] === item.dataset['key'] ? child : undefined };
      }
      return { kind: 'focus', item: undefined };
    case 'ArrowLeft':
      if (expanded === 'true') return { kind: 'collapse' };
      return { kind: 'focus', item: items.find((candidate) => candidate.dataset['key'] === item.dataset['parentKey']) };
    case 'Enter':
    case ' ':
      return { kind: 'activate' };
  }
  if (event.key.length === 1 && event.key.trim() !== '') {
    const wanted = event.key.toLocaleLowerCase();
    const after = [...items.slice(index + 1), ...items.slice(0, index + 1)];
    const match = after.find((candidate) => candidate.dataset['label']?.trim().toLocaleLowerCase().startsWith(wanted));
    return match ? { kind: 'focus', item: match } : null;
  }
  return null;
}
