/**
 * Draws an inline svg QR code on a canvas directly from its shapes, as the
 * page shows them: QR generators write an svg of paths and rects. This skips
 * serialising the svg and loading it as an image, which is asynchronous and
 * costs more than reading the code; and it sees the colours the page's style
 * sheets give the shapes (getComputedStyle), which a serialised copy loses.
 * Anything beyond plain shapes (text, images, gradients, masks…) returns null:
 * the serialised copy is the way for those.
 */

/** Elements this drawer understands; any other in the svg means the copy must be drawn by the browser. */
const PLAIN = new Set(['g', 'path', 'rect', 'title', 'desc', 'metadata']);
/**
 * Beyond this many elements the svg is left to the browser's copy, which costs
 * the same whatever it holds (a rect per dark module reaches this near version 20).
 */
const MAX_SHAPES = 5_000;

function paint(value: string): string | null {
  if (value === 'none') return null;
  return value.startsWith('url(') ? 'unsupported' : value;
}

/** The svg drawn on a canvas the size it is shown (CSS pixels), or null if it holds more than plain shapes. */
export function drawSvg(svg: SVGSVGElement, doc: Document): HTMLCanvasElement | null {
  const all = svg.querySelectorAll('*');
  if (all.length > MAX_SHAPES) return null;
  for (const el of all) if (!PLAIN.has(el.localName)) return null;
  const { width, height } = svg.getBoundingClientRect();
  if (width < 1 || height < 1) return null;
  const canvas = doc.createElement('canvas');
  canvas.width = Math.round(width);
  canvas.height = Math.round(height);
  const context = canvas.getContext('2d');
  if (!context) return null;
  const view = doc.defaultView!;
  for (const shape of svg.querySelectorAll<SVGPathElement | SVGRectElement>('path, rect')) {
    const style = view.getComputedStyle(shape);
    if (style.display === 'none' || style.visibility !== 'visible') continue;
    const fill = paint(style.fill);
    const stroke = paint(style.stroke);
    if (fill === 'unsupported' || stroke === 'unsupported') return null;
    // From the shape's user space to the svg's viewport: viewBox and every transform on the way.
    const matrix = shape.getCTM();
    if (!matrix) return null;
    context.setTransform(matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f);
    let path: Path2D;
    if (shape instanceof SVGRectElement) {
      path = new Path2D();
      path.rect(shape.x.baseVal.value, shape.y.baseVal.value, shape.width.baseVal.value, shape.height.baseVal.value);
    } else {
      path = new Path2D(shape.getAttribute('d') ?? '');
    }
    const opacity = Number(style.opacity);
    if (fill) {
      context.globalAlpha = opacity * Number(style.fillOpacity);
      context.fillStyle = fill;
      context.fill(path, style.fillRule === 'evenodd' ? 'evenodd' : 'nonzero');
    }
    if (stroke) {
      context.globalAlpha = opacity * Number(style.strokeOpacity);
      context.strokeStyle = stroke;
      context.lineWidth = parseFloat(style.strokeWidth) || 1;
      context.stroke(path);
    }
  }
  return canvas;
}
