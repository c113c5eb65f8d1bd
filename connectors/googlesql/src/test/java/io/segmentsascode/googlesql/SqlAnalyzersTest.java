package io.segmentsascode.googlesql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.analyze.SqlAnalyzer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SqlAnalyzersTest {

    private static final SqlAnalyzer CALCITE = new CalciteFallbackAnalyzer();

    @Test
    void prefersTheExactAnalyzer() {
        SqlAnalyzer exact = SharedAnalyzer.googleSql();
        SqlAnalyzers.Choice choice = SqlAnalyzers.choose(() -> exact, () -> CALCITE);

        assertSame(exact, choice.analyzer());
        assertTrue(choice.exact());
        assertEquals(Optional.empty(), choice.fallbackReason());
        assertEquals(Optional.empty(), choice.message());
    }

    @Test
    void fallsBackWhenTheJniChannelCannotBeCreated() {
        // what ServiceLoader throws on ARM Linux: JniChannelProvider's static initializer fails
        SqlAnalyzers.Choice choice = SqlAnalyzers.choose(
                () -> {
                    throw new ServiceConfigurationError(
                            "com.google.zetasql.ClientChannelProvider: Provider com.google.zetasql.JniChannelProvider could not be instantiated",
                            new ExceptionInInitializerError(new RuntimeException("Unsupported os.arch")));
                },
                () -> CALCITE);

        assertSame(CALCITE, choice.analyzer());
        assertFalse(choice.exact());
        assertEquals(Optional.of("Unsupported os.arch"), choice.fallbackReason());
        assertEquals(
                Optional.of("GoogleSQL analyzer unavailable on " + SqlAnalyzers.platform()
                        + " (Unsupported os.arch); using the Calcite approximation"),
                choice.message());
    }

    @Test
    void fallsBackWhenTheLibraryCannotLink() {
        SqlAnalyzers.Choice choice = SqlAnalyzers.choose(
                () -> {
                    throw new UnsatisfiedLinkError(
                            "/tmp/liblocal_service_jni.so: /lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.34' not found");
                },
                () -> CALCITE);

        assertEquals(
                Optional.of(
                        "UnsatisfiedLinkError: /tmp/liblocal_service_jni.so: /lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.34' not found"),
                choice.fallbackReason());
    }

    @Test
    void fallsBackWhenAnEarlierLoadFailed() {
        SqlAnalyzers.Choice choice = SqlAnalyzers.choose(
                () -> {
                    throw new NoClassDefFoundError("Could not initialize class com.google.zetasql.LanguageOptions");
                },
                () -> CALCITE);

        assertEquals(
                Optional.of("NoClassDefFoundError: Could not initialize class com.google.zetasql.LanguageOptions"),
                choice.fallbackReason());
    }

    @Test
    void bestOnThisMachineIsGoogleSqlAndQuiet() throws Exception {
        Child child = runChild();

        assertEquals(0, child.exitCode(), child.toString());
        assertTrue(child.stdout().contains("analyzer=googlesql 2025.09.1 exact=true"), child.toString());
        assertTrue(child.stdout().contains("columns=[user_id STRING] errors=[]"), child.toString());
        assertFalse(child.stdout().contains("unavailable"), child.toString());
        assertEquals("", child.stderr(), "no gRPC NameResolverProviders warning, no SLF4J notice");
    }

    @Test
    void bestOnArmLinuxIsCalcite() throws Exception {
        Child child = runChild("-Dos.arch=aarch64");

        assertEquals(0, child.exitCode(), child.toString());
        assertTrue(
                child.stdout()
                        .startsWith(
                                "GoogleSQL analyzer unavailable on linux/aarch64 (Unsupported os.arch); using the Calcite approximation"),
                child.toString());
        assertTrue(child.stdout().contains("analyzer=calcite 1.42.0 exact=false"), child.toString());
        assertTrue(child.stdout().contains("columns=[user_id STRING] errors=[]"), child.toString());
    }

    @Test
    void bestOnWindowsIsCalcite() throws Exception {
        Child child = runChild("-Dos.name=Windows 11");

        assertEquals(0, child.exitCode(), child.toString());
        assertTrue(
                child.stdout()
                        .startsWith(
                                "GoogleSQL analyzer unavailable on windows-11/amd64 (Unsupported os); using the Calcite approximation"),
                child.toString());
    }

    private record Child(int exitCode, String stdout, String stderr) {}

    private static Child runChild(String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ChoiceMain.class.getName());
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<String> out = read(process.getInputStream());
        CompletableFuture<String> err = read(process.getErrorStream());
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child JVM did not finish");
        }
        return new Child(process.exitValue(), out.join(), err.join());
    }

    private static CompletableFuture<String> read(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
