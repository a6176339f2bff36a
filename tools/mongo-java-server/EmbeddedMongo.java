import java.io.File;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * The hub's embedded MongoDB-wire database: mongo-java-server 1.47 on one H2 MVStore file.
 *
 * Usage: java -cp classes:lib/* EmbeddedMongo --port 27017 --file .data/mongo/hub.mv [--host 127.0.0.1]
 * Prints "listening on host:port" once bound; SIGTERM closes the store cleanly.
 */
public final class EmbeddedMongo {

    /** Node driver 7 refuses wire versions below 9; 21 (MongoDB 7.0) is what the hub is written against. */
    private static final MongoVersion REPORTED_VERSION = new MongoVersion() {
        @Override
        public List<Integer> getVersionArray() {
            return List.of(7, 0, 0);
        }

        @Override
        public int getWireVersion() {
            return 21;
        }
    };

    /** Commands after which the store is committed before the reply, so an acknowledged write survives a kill. */
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "findAndModify",
        "create", "createIndexes", "drop", "dropDatabase", "dropIndexes", "renameCollection");

    /**
     * H2Backend that commits after every write instead of MVStore's default one-second background commit, runs write
     * commands one at a time, and answers a write with a deep copy of its result. MongoDB returns a findAndModify's
     * document as it was at that write; mongo-java-server 1.47 answers with the stored document object itself, which
     * netty encodes later, after other writes changed it: 30 concurrent $inc on one counter returned duplicate values
     * (the stored total was right). Copying under the write lock gives the hub MongoDB's guarantee; reads stay concurrent.
     */
    private static final class DurableH2Backend extends H2Backend {
        private final Object writeLock = new Object();

        DurableH2Backend(String file) {
            super(file);
        }

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            if (!WRITES.contains(command)) {
                return super.handleCommand(channel, database, command, query);
            }
            synchronized (writeLock) {
                try {
                    return super.handleCommand(channel, database, command, query).cloneDeeply();
                } finally {
                    commit();
                }
            }
        }
    }

    public static void main(String[] args) {
        String host = "127.0.0.1";
        int port = 27017;
        String file = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--host" -> host = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--file" -> file = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("--file is required");
        }
        new File(file).getAbsoluteFile().getParentFile().mkdirs();

        H2Backend backend = new DurableH2Backend(file);
        backend.version(REPORTED_VERSION);
        MongoServer server = new MongoServer(backend);
        server.bind(new InetSocketAddress(host, port));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdownNow();
            backend.close();
        }));
        System.out.println("listening on " + host + ":" + port);
        // The hub starts this process with a pipe on stdin; when the hub dies, even by SIGKILL, the pipe closes
        // and the database stops with it (closing the store in the shutdown hook) instead of holding the file lock.
        Thread watchParent = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // nothing is sent; wait for end of stream
                }
            } catch (java.io.IOException e) {
                // treat as closed
            }
            System.exit(0);
        }, "parent-watch");
        watchParent.setDaemon(true);
        watchParent.start();
    }
}
