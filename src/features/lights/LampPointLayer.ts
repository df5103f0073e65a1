import {
  Layer,
  project32,
  UNIT,
  type DefaultProps,
  type LayerProps,
  type UpdateParameters,
} from '@deck.gl/core';
import { Geometry, Model } from '@luma.gl/engine';

// The city's lamps as round GL points: one vertex a lamp. deck.gl's ScatterplotLayer draws each point
// as a quad, four vertices and two triangles; for 50,000 lamps on a software renderer (llvmpipe, as
// in CI and the benchmark) that was most of every frame, while a point is set up and filled directly.
// On a real GPU either is cheap; this one stays cheap without one. Only what the lamps need: a
// position, a colour, a radius in metres clamped to a range in pixels, no picking, no outline.

const uniformBlock = /* glsl */ `\
uniform lampPointsUniforms {
  float radius;
  float radiusMinPixels;
  float radiusMaxPixels;
  highp int radiusUnits;
} lampPoints;
`;

const lampPointsUniforms = {
  name: 'lampPoints',
  vs: uniformBlock,
  fs: uniformBlock,
  uniformTypes: { radius: 'f32', radiusMinPixels: 'f32', radiusMaxPixels: 'f32', radiusUnits: 'i32' },
} as const;

const vs = /* glsl */ `\
#version 300 es
#define SHADER_NAME lamp-point-layer-vertex-shader
in vec3 positions;
in vec3 instancePositions;
in vec3 instancePositions64Low;
in vec4 instanceFillColors;
out vec4 vColor;
void main(void) {
  geometry.worldPosition = instancePositions;
  gl_Position = project_position_to_clipspace(instancePositions, instancePositions64Low, positions, geometry.position);
  DECKGL_FILTER_GL_POSITION(gl_Position, geometry);
  float radiusPixels = clamp(
    project_size_to_pixel(lampPoints.radius, lampPoints.radiusUnits),
    lampPoints.radiusMinPixels, lampPoints.radiusMaxPixels
  );
  // gl_PointSize is in framebuffer pixels, the radius in CSS pixels.
  gl_PointSize = 2.0 * radiusPixels * project.devicePixelRatio;
  vColor = vec4(instanceFillColors.rgb, instanceFillColors.a * layer.opacity);
  DECKGL_FILTER_COLOR(vColor, geometry);
}
`;

const fs = /* glsl */ `\
#version 300 es
#define SHADER_NAME lamp-point-layer-fragment-shader
precision highp float;
in vec4 vColor;
out vec4 fragColor;
void main(void) {
  // A round lamp in its square point.
  vec2 p = gl_PointCoord * 2.0 - 1.0;
  if (dot(p, p) > 1.0) discard;
  fragColor = vColor;
  DECKGL_FILTER_COLOR(fragColor, geometry);
}
`;

export interface LampPointLayerProps {
  /** radius of a lamp's dot, in `radiusUnits` */
  radius?: number;
  radiusUnits?: 'meters' | 'common' | 'pixels';
  radiusMinPixels?: number;
  radiusMaxPixels?: number;
  /** binary data gives these as attributes: { getPosition: {value, size: 2}, getFillColor: {value, size: 4} } */
  getPosition?: unknown;
  getFillColor?: unknown;
}

const defaultProps: DefaultProps<LampPointLayerProps> = {
  radius: { type: 'number', min: 0, value: 1 },
  radiusUnits: 'meters',
  radiusMinPixels: { type: 'number', min: 0, value: 0 },
  radiusMaxPixels: { type: 'number', min: 0, value: 64 },
  getPosition: { type: 'accessor', value: (d: { position: [number, number] }) => d.position },
  getFillColor: { type: 'accessor', value: [0, 0, 0, 255] },
};

export class LampPointLayer extends Layer<LampPointLayerProps & LayerProps> {
  static override layerName = 'LampPointLayer';
  static override defaultProps = defaultProps;

  declare state: { model?: Model };

  override getShaders() {
    return super.getShaders({ vs, fs, modules: [project32, lampPointsUniforms] });
  }

  override initializeState() {
    this.getAttributeManager()!.addInstanced({
      instancePositions: {
        size: 3,
        type: 'float64',
        fp64: this.use64bitPositions(),
        accessor: 'getPosition',
      },
      instanceFillColors: { size: 4, type: 'unorm8', accessor: 'getFillColor', defaultValue: [0, 0, 0, 255] },
    });
  }

  override updateState(params: UpdateParameters<this>) {
    super.updateState(params);
    if (params.changeFlags.extensionsChanged) {
      this.state.model?.destroy();
      this.state.model = this.makeModel();
      this.getAttributeManager()!.invalidateAll();
    }
  }

  override draw() {
    const { radius, radiusUnits, radiusMinPixels, radiusMaxPixels } = this.props;
    const model = this.state.model!;
    model.shaderInputs.setProps({
      lampPoints: { radius, radiusMinPixels, radiusMaxPixels, radiusUnits: UNIT[radiusUnits!] },
    });
    model.draw(this.context.renderPass);
  }

  private makeModel(): Model {
    return new Model(this.context.device, {
      ...this.getShaders(),
      id: this.props.id,
      bufferLayout: this.getAttributeManager()!.getBufferLayouts(),
      geometry: new Geometry({
        topology: 'point-list',
        attributes: { positions: { size: 3, value: new Float32Array([0, 0, 0]) } },
      }),
      isInstanced: true,
    });
  }
}
