// Newsletter enhancements; every form works without this.
(() => {
  // In the block editor, keep the edited block in view after "Move up/down" (the server
  // redirects to #block-ID; browsers jump there, this just gives the block a moment of focus).
  const target = location.hash.startsWith('#block-') ? document.querySelector(location.hash) : null;
  if (target instanceof HTMLElement) {
    target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: false });
  }
  // Warn before leaving the issue editor with block text typed but not saved.
  const dirty = new Set();
  for (const form of document.querySelectorAll('.newsletter-block-editor form')) {
    form.addEventListener('input', () => dirty.add(form));
    form.addEventListener('submit', () => dirty.clear());
  }
  window.addEventListener('beforeunload', (event) => {
    if (dirty.size) event.preventDefault();
  });
})();
