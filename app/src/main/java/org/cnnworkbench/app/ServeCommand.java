package org.cnnworkbench.app;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.cnnworkbench.db.DatabaseServer;
import org.cnnworkbench.web.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code workbench serve}: the dashboard on the home's database until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        header = "Start the web dashboard (runs, sweeps, compare, predict, plugins; live) until Ctrl-C.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    WebOptions web;

    @Mixin
    HomeOptions homeOptions;

    @Override
    public Integer call() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        try (Workbench workbench = new Workbench(homeOptions);
             DatabaseServer ignored = workbench.serveHomeDatabase();
             WebServer server = web.start(workbench)) {
            System.out.println(server.url());
            System.out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopped.countDown();
                try {
                    closed.await(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "serve-stop"));
            stopped.await();
        } finally {
            closed.countDown();
        }
        return ExitCodes.OK;
    }
}
