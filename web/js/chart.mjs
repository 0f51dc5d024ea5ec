// Chart.js is loaded on demand from /vendor (copied from node_modules by third_party/web/vendor.mjs),
// as a classic script: its UMD build sets window.Chart. No CDN, works offline.
let loading = null;

export function loadChart() {
  if (window.Chart) return Promise.resolve(window.Chart);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = '/vendor/chart.umd.min.js';
      s.onload = () => resolve(window.Chart);
      s.onerror = () => reject(new Error('chart.js'));
      document.head.append(s);
    });
  }
  return loading;
}
