// "Check the files" without leaving the page: a browser cannot put chosen files back into a reloaded form, so the
// check is posted in the background and its answer (errors per file, or what the files hold) replaces the parts of
// the form marked data-refresh. Without JavaScript the button posts the form and the page asks to choose again.
document.querySelectorAll('form[data-polis-import]').forEach(form => {
    const check = form.querySelector('button[data-check]');
    if (!check) return;
    check.addEventListener('click', async event => {
        event.preventDefault();
        check.disabled = true;
        check.setAttribute('aria-busy', 'true');
        try {
            const response = await fetch(check.formAction, { method: 'POST', body: new FormData(form), credentials: 'same-origin' });
            if (!response.ok) { form.requestSubmit(check); return; }
            const page = new DOMParser().parseFromString(await response.text(), 'text/html');
            form.querySelectorAll('[data-refresh]').forEach(part => {
                const fresh = page.getElementById(part.id);
                part.innerHTML = fresh ? fresh.innerHTML : '';
            });
            form.querySelectorAll('input[type=file]').forEach(input => {
                const fresh = page.querySelector(`input[name="${input.name}"]`);
                if (fresh && fresh.hasAttribute('aria-invalid')) input.setAttribute('aria-invalid', fresh.getAttribute('aria-invalid'));
                else input.removeAttribute('aria-invalid');
            });
            form.querySelectorAll('[data-again]').forEach(p => p.hidden = true);
            form.querySelectorAll('[data-kept]').forEach(p => p.hidden = false);
            const first = form.querySelector('input[aria-invalid=true]') || form.querySelector('#import-checked h2');
            if (first) { first.setAttribute('tabindex', first.tabIndex >= 0 ? first.tabIndex : '-1'); first.focus(); }
        } catch {
            form.requestSubmit(check);
        } finally {
            check.disabled = false;
            check.removeAttribute('aria-busy');
        }
    });
});
