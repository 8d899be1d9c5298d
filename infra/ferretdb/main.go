// Command mmt-store runs FerretDB v1 embedded, on SQLite, as the project's local
// MongoDB-compatible store. It exists because `go install` of FerretDB's own command
// panics when that command is the main module (it wants a generated version file).
package main

import (
	"context"
	"flag"
	"log"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	dataDir := flag.String("data", "./data", "directory for the SQLite files")
	flag.Parse()

	if err := os.MkdirAll(*dataDir, 0o755); err != nil {
		log.Fatalf("mmt-store: cannot create data directory %s: %v", *dataDir, err)
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Handler:   "sqlite",
		SQLiteURL: "file:" + *dataDir + "/",
	})
	if err != nil {
		log.Fatalf("mmt-store: %v", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	log.Printf("mmt-store: FerretDB on SQLite listening on %s, data in %s", *listen, *dataDir)
	f.Run(ctx)
	log.Printf("mmt-store: stopped")
}
