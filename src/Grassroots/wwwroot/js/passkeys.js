// Passkeys (WebAuthn): ask the server for options, let the browser talk to the authenticator,
// then post the credential with the page's own form so the server verifies it.
(() => {
  const token = (form) => form.querySelector('input[name="__RequestVerificationToken"]').value;

  async function options(url, form) {
    const response = await fetch(url, { method: 'POST', credentials: 'same-origin', headers: { RequestVerificationToken: token(form) } });
    if (!response.ok) throw new Error(`The server refused (${response.status}).`);
    return response.json();
  }

  function report(form, error) {
    const out = form.querySelector('[data-passkey-error]');
    if (out) out.textContent = error.name === 'NotAllowedError' ? out.dataset.cancelled : `${out.dataset.failed} ${error.message}`;
  }

  for (const form of document.querySelectorAll('form[data-passkey]')) {
    const button = form.querySelector('[data-passkey-start]');
    if (!window.PublicKeyCredential || !PublicKeyCredential.parseCreationOptionsFromJSON) {
      button.disabled = true;
      form.querySelector('[data-passkey-unsupported]')?.removeAttribute('hidden');
      continue;
    }
    button.addEventListener('click', async (event) => {
      event.preventDefault();
      try {
        let credential;
        if (form.dataset.passkey === 'create') {
          const json = await options('/account/passkey/creation-options', form);
          credential = await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(json) });
        } else {
          // No email: the browser offers the passkeys it holds for this site, and the answer names no account.
          const json = await options('/account/passkey/request-options', form);
          credential = await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(json) });
        }
        form.querySelector('input[name="credential"]').value = JSON.stringify(credential.toJSON());
        form.submit();
      } catch (error) {
        report(form, error);
      }
    });
  }
})();
