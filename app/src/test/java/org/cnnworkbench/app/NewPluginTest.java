package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cnnworkbench.engine.Versions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code new-plugin} generates a standalone Maven project from the example plugin's sources; that
 * project builds offline with a real Maven against the artifacts this build installed, and its jar,
 * installed with {@code plugins install}, runs a real trial recorded with the plugin's provenance.
 */
class NewPluginTest {
    private static final Pattern PACKAGE_LINE = Pattern.compile("(?m)^package ([\\w.]+);");

    @TempDir
    Path dir;

    private CliResult newPlugin(String... args) {
        return Cli.inProcess(Stream.concat(Stream.of("new-plugin"), Stream.of(args)).toArray(String[]::new));
    }

    @Test
    void theGeneratedProjectBuildsOfflineAndItsJarRunsATrialRecordedWithItsProvenance() throws IOException {
        CliResult generated = newPlugin("my-plugin", "--dir", dir.toString(), "--package", "com.example.myplugin");
        assertThat(generated.exitCode()).as(generated.describe()).isZero();
        Path project = dir.resolve("my-plugin");
        for (String artifact : List.of("workbench-parent", "workbench-api", "workbench-testkit")) {
            MavenBuild.requireInstalled("org.cnnworkbench", artifact, Versions.workbench());
        }

        MavenBuild.Result build = MavenBuild.packageOffline(project);
        System.out.printf("NewPluginTest: `mvn -o -q package` of the generated project took %.1f s%n", build.seconds());
        assertThat(build.exitCode()).as("mvn package in %s:%n%s", project, build.output()).isZero();
        Path jar = project.resolve("target/my-plugin-0.1.0.jar");
        assertThat(jar).isRegularFile();

        Path home = dir.resolve("home");
        CliResult installed = Cli.inProcess("plugins", "install", jar.toString(), "--home", home.toString());
        assertThat(installed.exitCode()).as(installed.describe()).isZero();
        CliResult listed = Cli.inProcess("plugins", "--home", home.toString());
        assertThat(listed.out()).contains("my-plugin-blobs", "my-plugin-tiny-cnn", "my-plugin-tiny-resnet", "my-plugin-invert",
                "my-plugin-gap-logger");
        // The generated project's tests ran in its build, the graph architecture's among them.
        assertThat(project.resolve("target/surefire-reports/TEST-com.example.myplugin.TinyResNetFactoryTest.xml")).isRegularFile();

        CliResult run = Cli.trainingProcess(Cli.builtInPlugins(), "run", PluginTrial.experiment(dir, "my-plugin-").toString(),
                "--home", home.toString(), "--no-progress");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        String runId = run.outLines().get(0);
        CliResult shown = Cli.inProcess("show", runId, "--json", "--home", home.toString());
        assertThat(shown.exitCode()).as(shown.describe()).isZero();
        PluginTrial.assertRecorded(shown.json(), "my-plugin-", "my-plugin", "0.1.0", jar);
    }

    @Test
    void generatesTheExampleSourcesUnderTheNewPackageWithIdsAfterTheName() throws IOException {
        CliResult result = newPlugin("gauss-tools", "--dir", dir.toString(), "--package", "org.acme.gauss");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        Path project = dir.resolve("gauss-tools");
        assertThat(result.out()).contains("Created plugin project gauss-tools in " + project, "src/main/java/org/acme/gauss/TinyCnnFactory.java",
                "mvn package", "./workbench plugins install " + project.resolve("target/gauss-tools-0.1.0.jar"));
        List<Path> sources = javaFiles(project);
        assertThat(sources).extracting(p -> project.relativize(p).toString()).contains(
                "src/main/java/org/acme/gauss/BlobsDataset.java", "src/test/java/org/acme/gauss/TinyCnnFactoryTest.java",
                "src/main/java/org/acme/gauss/TinyResNetFactory.java", "src/test/java/org/acme/gauss/TinyResNetFactoryTest.java");
        for (Path source : sources) {
            String text = Files.readString(source);
            Matcher declared = PACKAGE_LINE.matcher(text);
            assertThat(declared.find()).as("%s declares a package", source).isTrue();
            assertThat(declared.group(1)).as(source.toString()).isEqualTo("org.acme.gauss");
            assertThat(source.getParent()).isEqualTo(project.resolve(source.startsWith(project.resolve("src/main"))
                    ? "src/main/java/org/acme/gauss" : "src/test/java/org/acme/gauss"));
            assertThat(text).as(source.toString()).doesNotContain("org.cnnworkbench.example", "\"example-");
        }
        assertThat(Files.readString(project.resolve("src/main/java/org/acme/gauss/TinyCnnFactory.java")))
                .contains("return \"gauss-tools-tiny-cnn\";");
        assertThat(Files.readString(project.resolve("src/main/java/org/acme/gauss/TinyResNetFactory.java")))
                .contains("return \"gauss-tools-tiny-resnet\";", "ModelConfiguration.graph(");
        String pom = Files.readString(project.resolve("pom.xml"));
        assertThat(pom).doesNotContain("<parent>", "{{")
                .contains("<groupId>org.acme.gauss</groupId>", "<artifactId>gauss-tools</artifactId>", "<version>0.1.0</version>",
                        "<plugin.id>gauss-tools</plugin.id>", "<plugin.requires>&gt;=0.2.0</plugin.requires>",
                        "<workbench.version>" + Versions.workbench() + "</workbench.version>",
                        "<dl4j.version>" + Versions.dl4j() + "</dl4j.version>",
                        "<pf4j.version>" + Versions.pf4j() + "</pf4j.version>");
        assertThat(Files.readString(project.resolve(".mvn/maven.config"))).contains("-Djavacpp.platform=linux-x86_64");
        assertThat(Files.readString(project.resolve("README.md"))).contains("./workbench plugins install",
                "target/gauss-tools-0.1.0.jar", "gauss-tools-blobs", "gauss-tools-tiny-resnet");
    }

    @Test
    void withoutAPackageTheNameGivesOne() {
        CliResult result = newPlugin("edge-detect", "--dir", dir.toString());

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(dir.resolve("edge-detect/src/main/java/com/example/edgedetect/BlobsDataset.java")).isRegularFile();
    }

    @Test
    void aNameThatIsNotKebabCaseIsRefusedWithoutWritingAnything() {
        CliResult result = newPlugin("My_Plugin", "--dir", dir.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("plugin name 'My_Plugin' is not kebab-case", "e.g. my-plugin")
                .doesNotContain("\tat ", "Exception");
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void anExistingFolderIsRefusedAndLeftAlone() throws IOException {
        Path existing = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(existing.resolve("notes.txt"), "mine");

        CliResult result = newPlugin("taken", "--dir", dir.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains(existing + " already exists", "Choose another NAME or --dir");
        assertThat(existing.toFile().list()).containsExactly("notes.txt");
    }

    @Test
    void aPackageThatIsNotAJavaPackageIsRefused() {
        for (String bad : List.of("com.example.class", "1st.plugin", "com..example", "com-example")) {
            CliResult result = newPlugin("ok-name", "--dir", dir.toString(), "--package", bad);

            assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
            assertThat(result.err()).contains("--package '" + bad + "' is not a valid Java package name", "e.g. com.example.okname");
        }
        CliResult reserved = newPlugin("ok-name", "--dir", dir.toString(), "--package", "java.plugin");
        assertThat(reserved.exitCode()).as(reserved.describe()).isEqualTo(2);
        assertThat(reserved.err()).contains("--package 'java.plugin' is under java., which only the JDK may use");
        assertThat(dir.toFile().list()).isEmpty();
    }

    private static List<Path> javaFiles(Path project) throws IOException {
        try (Stream<Path> files = Files.walk(project.resolve("src"))) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }
}
