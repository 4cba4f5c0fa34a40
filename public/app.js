// Coalition Hub enhancements. Every page works without this file.
(() => {
  // Town suggestions as you type, for inputs marked data-town-suggest with a <datalist>.
  const inputs = document.querySelectorAll('input[data-town-suggest]');
  for (const input of inputs) {
    const list = input.list;
    if (!list) continue;
    let timer;
    input.addEventListener('input', () => {
      clearTimeout(timer);
      const q = input.value.trim();
      if (q.length < 2 || /^\d+$/.test(q)) return;
      timer = setTimeout(async () => {
        try {
          const response = await fetch(`/places/suggest?q=${encodeURIComponent(q)}`);
          if (!response.ok) return;
          const { towns } = await response.json();
          list.replaceChildren(
            ...towns.map((town) => {
              const option = document.createElement('option');
              option.value = town.name;
              option.label = `${town.name} (${town.county} County)`;
              return option;
            }),
          );
        } catch {
          // Suggestions are a nicety; typing still works.
        }
      }, 150);
    });
  }
  // Confirm destructive actions marked data-confirm.
  document.addEventListener('submit', (event) => {
    const form = event.target;
    const message = form instanceof HTMLFormElement ? form.dataset.confirm : undefined;
    if (message && !window.confirm(message)) event.preventDefault();
  });
})();
