// Progressive enhancement of the item page: insert a passage of the drafting help, with its source, at the end of the draft.
for (const b of document.querySelectorAll("button.insert")) {
    b.hidden = false;
    b.addEventListener("click", () => {
        const t = document.querySelector("textarea[name='Input.Text']");
        if (!t) return;
        t.value += (t.value.endsWith("\n") || !t.value ? "" : "\n") + b.dataset.insert;
        t.closest("details").open = true;
        t.focus();
    });
}
