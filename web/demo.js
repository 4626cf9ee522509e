// Example questions go straight to the widget, which opens and asks them.
document.querySelector(".examples").addEventListener("click", (event) => {
  const button = event.target.closest("button");
  const widget = document.querySelector("xi-peru-chat");
  if (button && widget) widget.ask(button.textContent);
});
