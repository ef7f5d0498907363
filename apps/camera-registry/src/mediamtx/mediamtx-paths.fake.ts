import type { MediaMtxPaths, PathConfigView, PathStateView } from './mediamtx-paths';
import type { CameraPathConfig } from './path-config';

/** In-memory MediaMTX control API for unit tests: path configs, live readiness, a write log, outages. */
export class FakeMediaMtxPaths implements Pick<MediaMtxPaths, keyof MediaMtxPaths> {
  readonly configs = new Map<string, Record<string, unknown>>();
  readonly ready = new Set<string>();
  /** Inbound bytes of ready paths; a test grows them to show media flowing. */
  readonly inboundBytes = new Map<string, number>();
  readonly writes: string[] = [];
  down = false;
  /** Path names whose add/patch MediaMTX refuses, with its message. */
  readonly refuse = new Map<string, string>();

  async listConfigs(): Promise<PathConfigView[]> {
    this.assertUp();
    return [...this.configs].map(([name, config]) => ({ ...config, name }));
  }

  async listStates(): Promise<PathStateView[]> {
    this.assertUp();
    return [...this.configs.keys()].map((name) => {
      const ready = this.ready.has(name);
      return { name, ready, inboundBytes: ready ? (this.inboundBytes.get(name) ?? 0) : 0 };
    });
  }

  async add(name: string, config: CameraPathConfig): Promise<void> {
    this.assertWritable(name);
    if (this.configs.has(name)) throw new Error('path already exists');
    this.writes.push(`add ${name}`);
    this.configs.set(name, { ...config });
  }

  async patch(name: string, config: Partial<CameraPathConfig>): Promise<void> {
    this.assertWritable(name);
    const current = this.configs.get(name);
    if (!current) throw new Error('path configuration not found');
    this.writes.push(`patch ${name} ${Object.keys(config).join(',')}`);
    Object.assign(current, config);
  }

  async delete(name: string): Promise<void> {
    this.assertUp();
    if (!this.configs.delete(name)) throw new Error('path configuration not found');
    this.writes.push(`delete ${name}`);
  }

  /** What a MediaMTX restart does to paths added through the API. */
  restart(): void {
    for (const name of this.configs.keys()) if (name.startsWith('cam_')) this.configs.delete(name);
    this.ready.clear();
  }

  private assertWritable(name: string): void {
    this.assertUp();
    const refusal = this.refuse.get(name);
    if (refusal) throw new Error(refusal);
  }

  private assertUp(): void {
    if (this.down) throw new Error('fetch failed');
  }
}
