package main

import (
	"encoding/json"
	"os"
	"sync"
	"time"
)

var logMu sync.Mutex

// logLine writes one JSON object per line on stderr, the shape of the simulator's own log lines
// (level, time, service, message); stdout carries the protocol.
func logLine(level, message string, fields map[string]any) {
	line := map[string]any{"level": level, "time": time.Now().UTC().Format(time.RFC3339Nano),
		"service": "camera-simulator-publisher", "message": message}
	for k, v := range fields {
		line[k] = v
	}
	b, _ := json.Marshal(line)
	logMu.Lock()
	defer logMu.Unlock()
	os.Stderr.Write(append(b, '\n'))
}
