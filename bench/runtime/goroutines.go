// Runtime peer for `braid bench runtime`: goroutine switch (Gosched ping-pong with GOMAXPROCS=1, and an unbuffered
// channel ping-pong) and spawn+join of goroutines. Usage: go run goroutines.go ROUNDS SPAWNS
// Prints one JSON line; each figure is the best of three runs.
package main

import (
	"encoding/json"
	"os"
	"runtime"
	"strconv"
	"sync"
	"time"
)

func best(run func()) time.Duration {
	var b time.Duration
	for i := 0; i < 3; i++ {
		start := time.Now()
		run()
		if d := time.Since(start); i == 0 || d < b {
			b = d
		}
	}
	return b
}

func main() {
	rounds, _ := strconv.Atoi(os.Args[1])
	spawns, _ := strconv.Atoi(os.Args[2])
	runtime.GOMAXPROCS(1)

	gosched := best(func() {
		var wg sync.WaitGroup
		wg.Add(2)
		for g := 0; g < 2; g++ {
			go func() {
				for i := 0; i < rounds; i++ {
					runtime.Gosched()
				}
				wg.Done()
			}()
		}
		wg.Wait()
	})

	channel := best(func() {
		ping, pong := make(chan int), make(chan int)
		go func() {
			for i := 0; i < rounds; i++ {
				pong <- <-ping
			}
		}()
		for i := 0; i < rounds; i++ {
			ping <- i
			<-pong
		}
	})

	spawn := best(func() {
		var wg sync.WaitGroup
		results := make([]int, spawns)
		wg.Add(spawns)
		for i := 0; i < spawns; i++ {
			go func(i int) {
				runtime.Gosched()
				results[i] = 1
				wg.Done()
			}(i)
		}
		wg.Wait()
	})

	json.NewEncoder(os.Stdout).Encode(map[string]any{
		"peer":             "go",
		"switch_ns":        float64(gosched.Nanoseconds()) / float64(2*rounds),
		"channel_switch_ns": float64(channel.Nanoseconds()) / float64(2*rounds),
		"spawn_join_ns":    float64(spawn.Nanoseconds()) / float64(spawns),
	})
}
