import { describe, expect, it } from 'vitest';
import {
  edgePath,
  labelSize,
  layoutInputOf,
  layoutKeyOf,
  lineBaselines,
  neighbourhood,
  nodeAriaLabel,
  nodeSize,
} from './graphModel';
import { elkOptions, layoutPresetOf } from './layoutProtocol';
import { nearestInDirection } from './nodeNavigation';
import { serviceTopologyGraph } from './randomGraph';

describe('graph sizes', () => {
  it('sizes a node to its longest line, never below the minimum', () => {
    expect(nodeSize(['a'])).toEqual({ width: 88, height: 46 });
    const wide = nodeSize(['a-rather-long-service-name', 'x']);
    expect(wide.width).toBe(26 * 8 + 28);
    const tall = nodeSize(['a', 'b', 'c', 'd']);
    expect(tall.height).toBe(17 + 3 * 15 + 16);
  });

  it('centres the lines vertically', () => {
    const [only] = lineBaselines(1, 46);
    expect(only).toBeCloseTo(27.5);
    const three = lineBaselines(3, nodeSize(['a', 'b', 'c']).height);
    expect(three[1] - three[0]).toBe(16);
    expect(three[2] - three[1]).toBe(15);
  });

  it('rounds label widths up so a refreshed figure rarely moves the layout', () => {
    expect(labelSize('1.5/s · 2.0% err').width).toBe(labelSize('1.6/s · 2.1% err').width);
    expect(labelSize('1.5/s').width % 24).toBe(0);
    const input = layoutInputOf(
      { nodes: [{ id: 'a', lines: ['a'] }], edges: [{ id: 'e', source: 'a', target: 'a', label: '9.9/s' }] },
      'RIGHT',
    );
    const again = layoutInputOf(
      {
        nodes: [{ id: 'a', lines: ['a'], tone: 'danger' }],
        edges: [{ id: 'e', source: 'a', target: 'a', label: '1.0/s' }],
      },
      'RIGHT',
    );
    expect(layoutKeyOf(again)).toBe(layoutKeyOf(input));
    expect(layoutKeyOf({ ...input, direction: 'DOWN' })).not.toBe(layoutKeyOf(input));
  });
});

describe('layout presets by size', () => {
  it('keeps model order for small graphs, trades it for speed above, and label room for large ones', () => {
    const small = serviceTopologyGraph(30, 60);
    const medium = serviceTopologyGraph(100, 300);
    const large = serviceTopologyGraph(300, 1000);
    expect([small, medium, large].map(layoutPresetOf)).toEqual(['small', 'medium', 'large']);
    expect(layoutPresetOf(serviceTopologyGraph(40, 81))).toBe('medium');
    expect(elkOptions('RIGHT', 'small')['elk.layered.considerModelOrder.strategy']).toBe('NODES_AND_EDGES');
    expect(elkOptions('RIGHT', 'medium')).not.toHaveProperty('elk.layered.considerModelOrder.strategy');
    expect(elkOptions('RIGHT', 'medium')['elk.layered.thoroughness']).toBe('3');
    expect(elkOptions('DOWN', 'large')).toMatchObject({
      'elk.direction': 'DOWN',
      'elk.layered.nodePlacement.strategy': 'SIMPLE',
    });
    const labelled = (g: typeof small) => layoutInputOf(g, 'RIGHT').edges.filter((e) => e.label).length;
    expect(labelled(medium)).toBe(300);
    expect(labelled(large)).toBe(0);
  });
});

describe('graph neighbours and labels', () => {
  it('finds the neighbours both ways, including the node itself', () => {
    const edges = [
      { id: '1', source: 'a', target: 'b' },
      { id: '2', source: 'c', target: 'a' },
      { id: '3', source: 'b', target: 'd' },
    ];
    expect([...neighbourhood(edges, 'a')].sort()).toEqual(['a', 'b', 'c']);
  });

  it('names a node from its lines unless told otherwise', () => {
    expect(nodeAriaLabel({ id: 'x', lines: ['api', '3 calls', '1 error'] })).toBe('api: 3 calls, 1 error');
    expect(nodeAriaLabel({ id: 'x', lines: ['api'] })).toBe('api');
    expect(nodeAriaLabel({ id: 'x', lines: ['api'], ariaLabel: 'API' })).toBe('API');
  });
});

describe('arrow-key navigation', () => {
  const box = (x: number, y: number) => ({ x, y, width: 100, height: 40 });
  const nodes = new Map([
    ['centre', box(200, 200)],
    ['right-near', box(400, 260)],
    ['right-far', box(700, 200)],
    ['above', box(210, 0)],
    ['below', box(100, 500)],
  ]);

  it('goes to the nearest node within the arrow’s cone', () => {
    expect(nearestInDirection(nodes, 'centre', 'ArrowRight')).toBe('right-near');
    expect(nearestInDirection(nodes, 'centre', 'ArrowUp')).toBe('above');
    expect(nearestInDirection(nodes, 'centre', 'ArrowDown')).toBe('below');
    expect(nearestInDirection(nodes, 'centre', 'ArrowLeft')).toBeNull();
    expect(nearestInDirection(nodes, 'centre', 'Enter')).toBeNull();
    expect(nearestInDirection(nodes, 'missing', 'ArrowUp')).toBeNull();
  });
});

describe('edge paths', () => {
  it('draws ELK’s polyline with rounded bends that stay on the inside of each corner', () => {
    expect(edgePath([])).toBe('');
    expect(
      edgePath([
        { x: 0, y: 0 },
        { x: 100, y: 0 },
      ]),
    ).toBe('M0,0L100,0');
    // Up, then right: the corner at (0,-100) is cut 14 px either side of it.
    expect(
      edgePath([
        { x: 0, y: 0 },
        { x: 0, y: -100 },
        { x: 100, y: -100 },
      ]),
    ).toBe('M0,0L0,-86Q0,-100 14,-100L100,-100');
    // Short segments shrink the radius to half their length.
    expect(
      edgePath([
        { x: 0, y: 0 },
        { x: 10, y: 0 },
        { x: 10, y: 10 },
      ]),
    ).toBe('M0,0L5,0Q10,0 10,5L10,10');
  });
});
