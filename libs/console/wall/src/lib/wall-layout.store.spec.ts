import { TestBed } from '@angular/core/testing';
import { WallLayoutStore } from './wall-layout.store';

describe('WallLayoutStore', () => {
  beforeEach(() => localStorage.clear());

  it('fills a first wall with the first cameras, and remembers the user’s layout and cameras', () => {
    const store = TestBed.inject(WallLayoutStore);
    expect(store.layout()).toBe(4);
    expect(store.chosen()).toBe(false);
    const cameras = [
      { id: 7, enabled: true },
      { id: 8, enabled: true },
    ];
    expect(store.fill(cameras)).toEqual([7, 8, null, null]);
    store.setLayout(9);
    store.setCamera(store.fill(cameras), 2, 3);
    expect(store.tiles()).toEqual([7, 8, 3, null, null, null, null, null, null]);
    expect(JSON.parse(localStorage.getItem('gtv.wall') ?? '{}')).toMatchObject({ layout: 9 });
    TestBed.resetTestingModule();
    const again = TestBed.inject(WallLayoutStore);
    expect(again.columns()).toBe(3);
    expect(again.tiles()[2]).toBe(3);
  });

  it('fills a first wall with the cameras switched on before those switched off, each in order', () => {
    const store = TestBed.inject(WallLayoutStore);
    const cameras = [
      { id: 1, enabled: false },
      { id: 2, enabled: true },
      { id: 3, enabled: false },
      { id: 4, enabled: true },
      { id: 5, enabled: true },
    ];
    expect(store.fill(cameras)).toEqual([2, 4, 5, 1]);
  });

  it('replaces a corrupt entry with the default wall', () => {
    localStorage.setItem('gtv.wall', '{"layout":5,"cameraIds":"x"}');
    expect(TestBed.inject(WallLayoutStore).layout()).toBe(4);
  });
});
