import type { CameraRepository } from '../cameras/camera.repository';
import { ENABLED_CAMERAS_TTL_MS, EnabledCamerasCache } from './enabled-cameras.cache';

describe('EnabledCamerasCache', () => {
  const listEnabledStatuses = jest.fn();
  const cache = new EnabledCamerasCache({ listEnabledStatuses } as unknown as CameraRepository);

  beforeEach(() => listEnabledStatuses.mockReset());

  it('reads the enabled cameras once per TTL, however many sessions ask at once', async () => {
    listEnabledStatuses.mockResolvedValue([{ id: 1, status: 'online' }]);
    const answers = await Promise.all([1, 2, 1].map((id) => cache.isEnabled(id, 1_000)));
    expect(answers).toEqual([true, false, true]);
    expect(listEnabledStatuses).toHaveBeenCalledTimes(1);

    listEnabledStatuses.mockResolvedValue([{ id: 2, status: 'online' }]);
    await expect(cache.isEnabled(2, 1_000 + ENABLED_CAMERAS_TTL_MS - 1)).resolves.toBe(false);
    await expect(cache.isEnabled(2, 1_000 + ENABLED_CAMERAS_TTL_MS)).resolves.toBe(true);
    expect(listEnabledStatuses).toHaveBeenCalledTimes(2);
  });

  it('does not keep a failed read', async () => {
    listEnabledStatuses.mockRejectedValueOnce(new Error('database down'));
    await expect(cache.isEnabled(1, 100_000)).rejects.toThrow('database down');
    listEnabledStatuses.mockResolvedValue([{ id: 1, status: 'online' }]);
    await expect(cache.isEnabled(1, 100_001)).resolves.toBe(true);
  });
});
