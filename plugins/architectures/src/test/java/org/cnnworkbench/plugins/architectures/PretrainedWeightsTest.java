package org.cnnworkbench.plugins.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.cnnworkbench.api.PluginInputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * weights: imagenet's file handling, on files this test makes and a real HTTP server it starts on a
 * free local port (these machines have no internet): a cached file with the published checksum is
 * used without a fetch, a damaged one is refused, a missing one is fetched once (with a progress
 * bar) and checked, and an unreachable URL names the file, the URL and the folder.
 */
class PretrainedWeightsTest {
    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private byte[] served;
    private String base;
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    @BeforeEach
    void serve() throws IOException {
        served = new byte[300_000];
        new Random(3).nextBytes(served);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/weights/", exchange -> {
            requests.incrementAndGet();
            if (!exchange.getRequestURI().getPath().endsWith("/base.h5")) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, served.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(served);
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/weights/";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aCachedFileWithThePublishedChecksumIsUsedWithoutAFetch() throws IOException {
        Path models = Files.createDirectories(dir.resolve("models"));
        Files.write(models.resolve("base.h5"), served);
        PretrainedWeights weights = new PretrainedWeights("base.h5", "app", PretrainedWeights.md5(models.resolve("base.h5")));

        assertThat(weights.resolve(models, base, out())).isEqualTo(models.resolve("base.h5"));
        assertThat(requests).hasValue(0);
    }

    @Test
    void aDamagedCachedFileIsRefusedNamingItsChecksumTheFolderAndTheUrl() throws IOException {
        Path models = Files.createDirectories(dir.resolve("models"));
        Files.write(models.resolve("base.h5"), "truncated".getBytes(StandardCharsets.UTF_8));
        PretrainedWeights weights = new PretrainedWeights("base.h5", "app", "6d6bbae143d832006294945121d1f1fc");

        assertThatThrownBy(() -> weights.resolve(models, base, out()))
                .isInstanceOf(PluginInputException.class)
                .hasMessageContaining("base.h5 in " + models + " is damaged")
                .hasMessageContaining("published 6d6bbae143d832006294945121d1f1fc")
                .hasMessageContaining(base + "base.h5");
    }

    @Test
    void aMissingFileIsFetchedOnceWithAProgressBarAndChecked() throws IOException {
        Path models = dir.resolve("home/models");
        Path source = dir.resolve("source.h5");
        Files.write(source, served);
        PretrainedWeights weights = new PretrainedWeights("base.h5", "app", PretrainedWeights.md5(source));

        Path file = weights.resolve(models, base, out());
        Path again = weights.resolve(models, base, out());

        assertThat(file).isEqualTo(models.resolve("base.h5")).isEqualTo(again);
        assertThat(Files.readAllBytes(file)).isEqualTo(served);
        assertThat(requests).as("fetched once, then cached").hasValue(1);
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("fetching base.h5 [").contains("100%");
        assertThat(models.resolve("base.h5.part")).doesNotExist();
    }

    @Test
    void aFetchedFileWithAnotherChecksumIsNotKept() {
        Path models = dir.resolve("models");
        PretrainedWeights weights = new PretrainedWeights("base.h5", "app", "00000000000000000000000000000000");

        assertThatThrownBy(() -> weights.resolve(models, base, out()))
                .isInstanceOf(PluginInputException.class)
                .hasMessageContaining("has MD5 " + PretrainedWeights.md5Of(served))
                .hasMessageContaining("not the published 00000000000000000000000000000000");
        assertThat(models.resolve("base.h5")).doesNotExist();
        assertThat(models.resolve("base.h5.part")).doesNotExist();
    }

    @Test
    void offlineAMissingFileIsAnErrorNamingTheFileTheUrlAndTheFolder() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path models = dir.resolve("models");
        PretrainedWeights weights = new PretrainedWeights("vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5", "vgg16",
                "6d6bbae143d832006294945121d1f1fc");
        String offline = "http://127.0.0.1:" + closedPort + "/";

        assertThatThrownBy(() -> weights.resolve(models, offline, out()))
                .isInstanceOf(PluginInputException.class)
                .hasMessageContaining("needs vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5 in the models folder " + models)
                .hasMessageContaining("fetching it from " + offline + "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5 failed")
                .hasMessageContaining("copy it into " + models);
        assertThat(models.resolve("vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5")).doesNotExist();
    }

    @Test
    void kerasOwnUrlHasTheApplicationsFolder() {
        assertThat(new Vgg16Factory().imagenet(false, org.cnnworkbench.api.InputShape.image(3, 150, 150))
                .url(PretrainedWeights.KERAS_URL)).isEqualTo(
                "https://storage.googleapis.com/tensorflow/keras-applications/vgg16/vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5");
        assertThat(new MobileNetV2Factory().imagenet(false, org.cnnworkbench.api.InputShape.image(3, 160, 160)).fileName())
                .isEqualTo("mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_160_no_top.h5");
    }

    private PrintStream out() {
        return new PrintStream(progress, true, StandardCharsets.UTF_8);
    }
}
