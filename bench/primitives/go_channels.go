// Go's channels, measured the way `braid bench primitives` measures Braid's: producers send N ints in total through
// one channel to consumers that sum them. Prints JSON: items per second, best of 3, for each case.
// Usage: go run go_channels.go N   (set GOMAXPROCS=1 for the single-thread figure)
package main

import (
	"encoding/json"
	"os"
	"runtime"
	"strconv"
	"sync"
	"time"
)

func run(n, capacity, producers, consumers int) float64 {
	ch := make(chan int, capacity)
	var sent, received sync.WaitGroup
	sums := make([]int64, consumers)
	start := time.Now()
	for c := 0; c < consumers; c++ {
		received.Add(1)
		go func(c int) {
			defer received.Done()
			var s int64
			for v := range ch {
				s += int64(v)
			}
			sums[c] = s
		}(c)
	}
	for p := 0; p < producers; p++ {
		sent.Add(1)
		go func(p int) {
			defer sent.Done()
			for i := p; i < n; i += producers {
				ch <- i
			}
		}(p)
	}
	sent.Wait()
	close(ch)
	received.Wait()
	elapsed := time.Since(start).Seconds()
	var total int64
	for _, s := range sums {
		total += s
	}
	if total != int64(n)*int64(n-1)/2 {
		panic("wrong sum")
	}
	return float64(n) / elapsed
}

func best(n, capacity, producers, consumers int) float64 {
	b := 0.0
	for i := 0; i < 3; i++ {
		if r := run(n, capacity, producers, consumers); r > b {
			b = r
		}
	}
	return b
}

func main() {
	n := 1000000
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
	out := map[string]any{
		"gomaxprocs":      runtime.GOMAXPROCS(0),
		"buffered_1p1c":   best(n, 1024, 1, 1),
		"buffered_4p4c":   best(n, 1024, 4, 4),
		"unbuffered_1p1c": best(n/4, 0, 1, 1),
	}
	json.NewEncoder(os.Stdout).Encode(out)
}
