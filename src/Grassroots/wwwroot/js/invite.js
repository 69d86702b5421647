// Invite link tools: "Copy the link" (with a visible "copied" state) and "Print" on the flyer. Without
// JavaScript these buttons stay hidden and the link is a read-only field to select and copy by hand.
document.querySelectorAll('[data-copy]').forEach(button => {
    const field = document.getElementById(button.dataset.copy);
    const status = document.getElementById(button.dataset.status);
    const label = button.textContent;
    button.hidden = false;
    field.addEventListener('focus', () => field.select());
    button.addEventListener('click', async () => {
        try {
            await navigator.clipboard.writeText(field.value);
        } catch {
            field.select();
            document.execCommand('copy');
        }
        button.textContent = button.dataset.copied;
        button.classList.add('copied');
        if (status) status.textContent = button.dataset.copied;
        setTimeout(() => { button.textContent = label; button.classList.remove('copied'); }, 3000);
    });
});
document.querySelectorAll('[data-print]').forEach(button => {
    button.hidden = false;
    button.addEventListener('click', () => window.print());
});
