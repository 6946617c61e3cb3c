/** Navigation inside the explorer, without reloading the page (main.ts registers the renderer). */
let renderer: ((focus: boolean) => void) | undefined;
export function setRenderer(render: (focus: boolean) => void): void {
  renderer = render;
}
export function navigate(url: string, options: { replace?: boolean; render?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  if (options.render !== false && renderer) {
    renderer(true);
    window.scrollTo(0, 0);
  }
}
