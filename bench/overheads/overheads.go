// Go peer of `braid bench overheads`: goroutines created and joined, parked, and switched over channels.
//
// Prints one JSON object in the same shape as overheads.py:
// {"peer": "go", "subjects": [{"subject", "createJoinUs": [[n, us_per_unit], ...], "memoryBytes", "memoryMethod", "switchUs"}], "notes": [...]}
// Run with `go run overheads.go [--quick]` (golang-go from bench/install-peers.sh).
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"sync"
	"time"
)

type subject struct {
	Subject      string       `json:"subject"`
	CreateJoinUs [][2]float64 `json:"createJoinUs"`
	MemoryBytes  float64      `json:"memoryBytes"`
	MemoryMethod string       `json:"memoryMethod"`
	SwitchUs     float64      `json:"switchUs"`
}

func main() {
	quick := len(os.Args) > 1 && os.Args[1] == "--quick"
	scales := []int{10, 100, 1000, 10000}
	if quick {
		scales = scales[:3]
	}

	var points [][2]float64
	for _, n := range scales {
		start := time.Now()
		var wg sync.WaitGroup
		wg.Add(n)
		for i := 0; i < n; i++ {
			go func() { wg.Done() }()
		}
		wg.Wait()
		points = append(points, [2]float64{float64(n), float64(time.Since(start).Nanoseconds()) / 1e3 / float64(n)})
	}

	// Memory: goroutines parked on a channel; the runtime's own count of stack and heap in use.
	n := 10000
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	gate := make(chan struct{})
	var parked sync.WaitGroup
	parked.Add(n)
	var started sync.WaitGroup
	started.Add(n)
	for i := 0; i < n; i++ {
		go func() { started.Done(); <-gate; parked.Done() }()
	}
	started.Wait()
	runtime.ReadMemStats(&after)
	close(gate)
	parked.Wait()
	memory := float64((after.StackInuse+after.HeapInuse)-(before.StackInuse+before.HeapInuse)) / float64(n)

	// Switch: ping-pong over two unbuffered channels.
	rounds := 200000
	if quick {
		rounds = 20000
	}
	ping, pong := make(chan int), make(chan int)
	go func() {
		for i := 0; i < rounds; i++ {
			pong <- <-ping
		}
	}()
	start := time.Now()
	for i := 0; i < rounds; i++ {
		ping <- i
		<-pong
	}
	switchUs := float64(time.Since(start).Nanoseconds()) / 1e3 / float64(2*rounds)

	out := map[string]any{
		"peer": "go",
		"subjects": []subject{{"go goroutine", points, memory, "stack+heap in use", switchUs}},
		"notes":    []string{fmt.Sprintf("%s, GOMAXPROCS=%d", runtime.Version(), runtime.GOMAXPROCS(0))},
	}
	json.NewEncoder(os.Stdout).Encode(out)
}
