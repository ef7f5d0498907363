package main

import "testing"

func TestParsesTheConfig(t *testing.T) {
	address, user, pass, err := parseConfig("rtsp://simulator:s%40cret@127.0.0.1:8654")
	if err != nil || address != "127.0.0.1:8654" || user != "simulator" || pass != "s@cret" {
		t.Fatalf("got %q %q %q %v", address, user, pass, err)
	}
	for _, raw := range []string{
		"",
		"http://simulator:secret@127.0.0.1:8654",
		"rtsp://simulator:secret@127.0.0.1",
		"rtsp://127.0.0.1:8654",
		"rtsp://simulator@127.0.0.1:8654",
		"rtsp://:secret@127.0.0.1:8654",
		"rtsp://simulator:secret@127.0.0.1:8654/sim_1",
	} {
		if _, _, _, err := parseConfig(raw); err == nil {
			t.Errorf("%q accepted", raw)
		}
	}
}
