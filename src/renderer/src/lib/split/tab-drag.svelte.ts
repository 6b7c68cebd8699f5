import type { OrgTab } from '../state/tabs.svelte';

/**
 * The tab being dragged, while it is. Drag data cannot be read during `dragover` (only its
 * types), and the panes need to know what is coming to show where it would land.
 */
export const tabDrag = $state<{ tab: OrgTab | null }>({ tab: null });

/** The drag data type of a tab, so that drops of anything else (files, text) are left alone. */
export const TAB_DRAG_TYPE = 'application/x-orgdesk-tab';

export function startTabDrag(event: DragEvent, tab: OrgTab): void {
  if (!event.dataTransfer) return;
  event.dataTransfer.setData(TAB_DRAG_TYPE, tab.key);
  event.dataTransfer.effectAllowed = 'move';
  tabDrag.tab = tab;
}

export function endTabDrag(): void {
  tabDrag.tab = null;
}

/** Whether the drag over `event` is a tab's, which a pane may take. */
export function isTabDrag(event: DragEvent): boolean {
  return tabDrag.tab !== null && (event.dataTransfer?.types.includes(TAB_DRAG_TYPE) ?? false);
}
