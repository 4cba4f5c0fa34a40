// Group directory enhancements (the pages work without them).
(() => {
  // A contact message is sent once: the button says so while the form is on its way.
  for (const form of document.querySelectorAll('form.contact-form')) {
    form.addEventListener('submit', () => {
      const button = form.querySelector('button[type="submit"]');
      if (!button) return;
      setTimeout(() => {
        button.disabled = true;
        button.setAttribute('aria-busy', 'true');
      }, 0);
    });
  }
})();
