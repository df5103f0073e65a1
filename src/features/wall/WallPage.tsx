import { Fragment, type CSSProperties, type ReactNode } from 'react';
import { Header } from './Header';
import { templateWithout, type WallLayout } from './layouts';
import { frameBox, type WallFrame } from './tiling';
import './wall.css';

/**
 * The video wall: the layout's grid (layouts.ts), with the header, the map and each area's panels in
 * their places. src/app says what each panel id is; every panel belongs to its capability and
 * subscribes to what it shows, the layout itself reads nothing from the store. On a tiled wall the
 * grid is the whole wall's, moved so that this window shows its own part of it.
 */
export function WallPage({
  layout,
  frame,
  map,
  panel,
  scene = null,
}: {
  layout: WallLayout;
  frame: WallFrame;
  map: ReactNode;
  panel: (id: string) => ReactNode;
  /** the scene on show, if a scene or playlist runs (the panels it hides come back as null) */
  scene?: string | null;
}) {
  // A scene may hide every panel of an area: the area then goes to the map (templateWithout).
  const shownIn = new Map(
    layout.areas
      .filter((a) => a.kind === 'column' || a.kind === 'strip')
      .map((a) => [a.id, a.panels.map((id) => [id, panel(id)] as const).filter(([, el]) => el != null)]),
  );
  const empty = new Set([...shownIn].filter(([, shown]) => shown.length === 0).map(([id]) => id));
  const template = templateWithout(layout.template, empty);
  const style: CSSProperties = {
    ...frameBox(frame),
    gridTemplateColumns: layout.columns,
    gridTemplateRows: layout.rows,
    gridTemplateAreas: template.map((row) => `'${row}'`).join(' '),
  };
  return (
    // The window clips the wall (overflow: clip, not hidden): a tiled screen's part can never be
    // scrolled away, not even by focus moving to a button on another screen's part.
    <div className="wall-window">
      <div className="wall" style={style} data-testid="wall" data-layout={layout.id} data-scene={scene ?? ''}>
        {layout.areas.map((area) => {
          if (area.kind === 'header') return <Header key={area.id} />;
          if (area.kind === 'map')
            return (
              <main key={area.id} className="wall-map" style={{ gridArea: area.id }}>
                {map}
              </main>
            );
          const shown = shownIn.get(area.id) ?? [];
          // An area the template could not give away stays empty, without its frame.
          if (shown.length === 0)
            return template === layout.template ? <div key={area.id} style={{ gridArea: area.id }} /> : null;
          const Tag = area.kind === 'strip' ? 'div' : 'aside';
          return (
            <Tag
              key={area.id}
              className={area.kind === 'strip' ? 'wall-strip' : 'wall-column'}
              style={{ gridArea: area.id }}
              data-area={area.id}
            >
              {shown.map(([id, el]) => (
                <Fragment key={id}>{el}</Fragment>
              ))}
            </Tag>
          );
        })}
      </div>
    </div>
  );
}
