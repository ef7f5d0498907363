package main

import (
	"testing"
	"time"
)

func TestParsesAClip(t *testing.T) {
	var cc clipCache
	c, err := cc.load("testdata/clip.mp4")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.frames) != 15 || !c.frames[0].idr || c.frames[1].idr || len(c.sps) == 0 || len(c.pps) == 0 {
		t.Fatalf("got %d frames, first IDR %v, second IDR %v", len(c.frames), c.frames[0].idr, c.frames[1].idr)
	}
	if d := time.Duration(scale(c.duration, int64(time.Second), c.timeScale)); d != time.Second {
		t.Fatalf("one loop lasts %v, want 1s", d)
	}
	// Frame 16 is the second frame of the second loop: one loop plus one frame in.
	if fr, at := c.frameAt(16); at != c.duration+c.frames[1].at || fr.idr {
		t.Fatalf("frame 16 at %d", at)
	}
	if again, _ := cc.load("testdata/clip.mp4"); again != c {
		t.Fatal("a clip is mapped once")
	}
}

func TestScaleDoesNotOverflow(t *testing.T) {
	week := int64(7 * 24 * time.Hour)
	if got := scale(week, 90000, int64(time.Second)); got != 7*24*3600*90000 {
		t.Fatalf("got %d", got)
	}
}
