// Progressive enhancement of the submission form: the count of characters against the limit, and similar published
// replies while writing.
(() => {
    const body = document.getElementById("body");
    if (!body) return;
    const counter = document.querySelector("[data-counter-for=body]");
    const max = Number(body.dataset.max);
    const update = () => { counter.textContent = `（${body.value.length} / ${max} 字）`; counter.classList.toggle("late", body.value.length > max); };
    body.addEventListener("input", update); update();
    const similar = document.getElementById("similar");
    const title = document.querySelector("[name='Input.Title']");
    let timer;
    const look = () => {
        if ((title.value + body.value).trim().length < 4) return;
        fetch("/api/similar", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ title: title.value, body: body.value.slice(0, 2000) }) })
            .then(r => r.ok ? r.json() : [])
            .then(items => {
                const list = similar.querySelector("ul"); list.replaceChildren();
                for (const i of items.slice(0, 5)) { const li = document.createElement("li"); const a = document.createElement("a"); a.href = i.proposalId ? `/public/${i.proposalId}` : "#"; a.textContent = i.title; li.append(a); list.append(li); }
                similar.hidden = items.length === 0;
            });
    };
    for (const el of [body, title]) el.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(look, 600); });
})();
