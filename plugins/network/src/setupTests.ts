import '@testing-library/jest-dom';

// jsdom does not lay out SVG; DependencyGraph measures each node with getBBox, so give the
// nodes the fixed size they draw at.
if (!(window.SVGElement.prototype as any).getBBox) {
  (window.SVGElement.prototype as any).getBBox = () => ({
    x: 0,
    y: 0,
    width: 220,
    height: 72,
  });
}
