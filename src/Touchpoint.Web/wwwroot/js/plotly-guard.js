// Plotly.Blazor queues a chart's first draw until plotly.js has loaded. When the person leaves the page before
// that, the queued draw runs against an element that no longer exists and plotly.js throws "No DOM element with
// id ...". This guard wraps plotly's drawing calls as plotly.js installs itself and skips a draw whose element is
// gone (a draw or the purge of a disposed chart): there is nothing left to draw into.
(function () {
  let plotly;
  const guarded = ['newPlot', 'react', 'purge', 'relayout', 'restyle', 'update', 'extendTraces', 'prependTraces', 'addTraces', 'deleteTraces'];
  Object.defineProperty(window, 'Plotly', {
    configurable: true,
    get() { return plotly; },
    set(value) {
      plotly = value;
      for (const name of guarded) {
        const original = value && value[name];
        if (typeof original !== 'function') continue;
        value[name] = function (gd, ...rest) {
          if (typeof gd === 'string' && !document.getElementById(gd)) return Promise.resolve();
          return original.call(this, gd, ...rest);
        };
      }
    },
  });
})();
