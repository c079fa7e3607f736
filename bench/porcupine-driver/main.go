// Command porcupine-check runs Porcupine (github.com/anishathalye/porcupine, imported,
// not copied) on Porcupine's own test histories, the way `lockstep check` is run on them,
// so that `npm run bench -- checker` can put both side by side. Built by the bench in a
// temporary folder outside the repository.
//
//	porcupine-check -model etcd|kv|kv-nopartition FILE...
//
// Prints one JSON line per file: {"file", "linearizable", "checkMs"}. The models and the
// readers follow the semantics of Porcupine's tests (porcupine_test.go): an etcd read that
// failed with :timed-out returns "unknown"; an op never completed returns "unknown" at the
// end of the history; a crashed cas or write still applies.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/anishathalye/porcupine"
)

type regInput struct {
	op       int // 0 read, 1 write, 2 cas
	from, to int
}

type regOutput struct {
	ok, exists, unknown bool
	value               int
}

const absent = -1000000

var casRegister = porcupine.Model{
	Init: func() interface{} { return absent },
	Step: func(state, input, output interface{}) (bool, interface{}) {
		s, in, out := state.(int), input.(regInput), output.(regOutput)
		switch in.op {
		case 0:
			return out.unknown || (!out.exists && s == absent) || (out.exists && s == out.value), s
		case 1:
			return true, in.from
		default:
			next := s
			if in.from == s {
				next = in.to
			}
			return out.unknown || (in.from == s) == out.ok, next
		}
	},
}

type kvInput struct {
	op         int // 0 get, 1 put, 2 append
	key, value string
}

func hashString(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

func kvModel(partition bool) porcupine.Model {
	if partition {
		return porcupine.Model{
			PartitionEvent: func(h []porcupine.Event) [][]porcupine.Event {
				byKey := map[string][]porcupine.Event{}
				keyOf := map[int]string{}
				var order []string
				for _, e := range h {
					k, ok := keyOf[e.Id]
					if e.Kind == porcupine.CallEvent {
						k = e.Value.(kvInput).key
						keyOf[e.Id] = k
						ok = true
					}
					if !ok {
						continue
					}
					if _, seen := byKey[k]; !seen {
						order = append(order, k)
					}
					byKey[k] = append(byKey[k], e)
				}
				out := make([][]porcupine.Event, 0, len(order))
				for _, k := range order {
					out = append(out, byKey[k])
				}
				return out
			},
			Init: func() interface{} { return "" },
			Step: func(state, input, output interface{}) (bool, interface{}) {
				s, in := state.(string), input.(kvInput)
				switch in.op {
				case 0:
					return output.(string) == s, s
				case 1:
					return true, in.value
				default:
					return true, s + in.value
				}
			},
			Hash: func(state interface{}) uint64 { return hashString(state.(string)) },
		}
	}
	return porcupine.Model{
		Init: func() interface{} { return map[string]string{} },
		Step: func(state, input, output interface{}) (bool, interface{}) {
			s, in := state.(map[string]string), input.(kvInput)
			if in.op == 0 {
				return output.(string) == s[in.key], s
			}
			next := make(map[string]string, len(s)+1)
			for k, v := range s {
				next[k] = v
			}
			if in.op == 1 {
				next[in.key] = in.value
			} else {
				next[in.key] += in.value
			}
			return true, next
		},
		Equal: func(a, b interface{}) bool {
			x, y := a.(map[string]string), b.(map[string]string)
			if len(x) != len(y) {
				return false
			}
			for k, v := range x {
				if w, ok := y[k]; !ok || w != v {
					return false
				}
			}
			return true
		},
		Hash: func(state interface{}) uint64 {
			var h uint64
			for k, v := range state.(map[string]string) {
				h ^= hashString(k + "\x00" + v)
			}
			return h
		},
	}
}

// reader pairs calls and returns per process; an op left open gets `unknown` at the end.
type reader struct {
	events []porcupine.Event
	open   map[int]int
	nextId int
}

func (r *reader) call(proc int, in interface{}) {
	r.events = append(r.events, porcupine.Event{ClientId: proc, Kind: porcupine.CallEvent, Value: in, Id: r.nextId})
	r.open[proc] = r.nextId
	r.nextId++
}

func (r *reader) ret(proc int, out interface{}) {
	id, ok := r.open[proc]
	if !ok {
		return
	}
	delete(r.open, proc)
	r.events = append(r.events, porcupine.Event{ClientId: proc, Kind: porcupine.ReturnEvent, Value: out, Id: id})
}

func (r *reader) finish(unknown interface{}) []porcupine.Event {
	for proc, id := range r.open {
		r.events = append(r.events, porcupine.Event{ClientId: proc, Kind: porcupine.ReturnEvent, Value: unknown, Id: id})
	}
	return r.events
}

// "INFO  jepsen.util - 3  :invoke :cas [4 0]": fields after the dash are process, type, f, value.
func readEtcd(lines []string) []porcupine.Event {
	r := &reader{open: map[int]int{}}
	for _, line := range lines {
		f := strings.Fields(strings.NewReplacer("[", " [ ", "]", " ] ").Replace(line))
		if len(f) < 7 || f[0] != "INFO" || f[1] != "jepsen.util" {
			continue
		}
		proc, err := strconv.Atoi(f[3])
		if err != nil {
			continue
		}
		kind, op, rest := f[4], f[5], f[6:]
		num := func(i int) int { v, _ := strconv.Atoi(rest[i]); return v }
		switch {
		case kind == ":invoke" && op == ":read":
			r.call(proc, regInput{op: 0})
		case kind == ":invoke" && op == ":write":
			r.call(proc, regInput{op: 1, from: num(0)})
		case kind == ":invoke" && op == ":cas" && len(rest) >= 4:
			r.call(proc, regInput{op: 2, from: num(1), to: num(2)})
		case kind == ":ok" && op == ":read":
			if rest[0] == "nil" {
				r.ret(proc, regOutput{})
			} else {
				r.ret(proc, regOutput{exists: true, value: num(0)})
			}
		case kind == ":ok" && op == ":write":
			r.ret(proc, regOutput{})
		case (kind == ":ok" || kind == ":fail") && op == ":cas" && rest[0] == "[":
			r.ret(proc, regOutput{ok: kind == ":ok"})
		case kind == ":fail" && op == ":read" && rest[0] == ":timed-out":
			r.ret(proc, regOutput{unknown: true})
		}
	}
	return r.finish(regOutput{unknown: true})
}

// {:process 9, :type :invoke, :f :append, :key "0", :value "x 9 0 y"}
func readKv(lines []string) []porcupine.Event {
	r := &reader{open: map[int]int{}}
	field := func(line, name string) (string, bool) {
		i := strings.Index(line, name+" ")
		if i < 0 {
			return "", false
		}
		rest := line[i+len(name)+1:]
		if strings.HasPrefix(rest, "\"") {
			j := strings.Index(rest[1:], "\"")
			return rest[1 : j+1], true
		}
		j := strings.IndexAny(rest, ",}")
		return rest[:j], true
	}
	for _, line := range lines {
		p, ok := field(line, ":process")
		if !ok {
			continue
		}
		proc, _ := strconv.Atoi(p)
		kind, _ := field(line, ":type")
		f, _ := field(line, ":f")
		key, _ := field(line, ":key")
		value, _ := field(line, ":value")
		op := map[string]int{":get": 0, ":put": 1, ":append": 2}[f]
		if kind == ":invoke" {
			r.call(proc, kvInput{op: op, key: key, value: value})
		} else if kind == ":ok" {
			if op == 0 {
				r.ret(proc, value)
			} else {
				r.ret(proc, "")
			}
		}
	}
	return r.finish("")
}

func main() {
	model := flag.String("model", "etcd", "etcd, kv or kv-nopartition")
	flag.Parse()
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for _, file := range flag.Args() {
		data, err := os.ReadFile(file)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		lines := strings.Split(string(data), "\n")
		var events []porcupine.Event
		var m porcupine.Model
		switch *model {
		case "etcd":
			events, m = readEtcd(lines), casRegister
		case "kv", "kv-nopartition":
			events, m = readKv(lines), kvModel(*model == "kv")
		default:
			fmt.Fprintln(os.Stderr, "unknown model", *model)
			os.Exit(2)
		}
		start := time.Now()
		ok := porcupine.CheckEvents(m, events)
		ms := float64(time.Since(start).Microseconds()) / 1000
		line, _ := json.Marshal(map[string]interface{}{"file": file, "linearizable": ok, "checkMs": ms})
		out.Write(append(line, '\n'))
	}
}
