// Toolkits: remember ticked checklist items on this device, and offer a print button.
// The page works without this: checkboxes tick, and the browser prints.
(() => {
  const boxes = document.querySelectorAll('input[data-checklist]');
  const storageKey = (box) => `hub.checklist.${box.dataset.checklist}`;
  for (const box of boxes) {
    try {
      box.checked = window.localStorage.getItem(storageKey(box)) === '1';
    } catch {
      // Storage may be blocked; ticking still works for this visit.
    }
    box.addEventListener('change', () => {
      try {
        if (box.checked) window.localStorage.setItem(storageKey(box), '1');
        else window.localStorage.removeItem(storageKey(box));
      } catch {
        // ignore
      }
    });
  }
  for (const button of document.querySelectorAll('button[data-print]')) {
    button.hidden = false;
    button.addEventListener('click', () => window.print());
  }
})();
