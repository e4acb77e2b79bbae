package dev.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dagger.Module;
import dagger.Provides;
import dev.backstop.catalogue.CatalogueParametersModule;
import java.io.File;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every function loads every domain's parameters (to check the whole rule pack), but its
 * artifact carries only its own domain's SDK. So each parameters module must give its
 * parameters with no domain SDK on the classpath: here, a class loader that hides them all.
 */
class CatalogueParametersModuleTest {

    /** The domain SDK modules the Makefile drops from other domains' artifacts. */
    private static final Pattern DOMAIN_SDK = Pattern.compile("software\\.amazon\\.awssdk\\.services\\.(cloudtrail|ec2|iam|lambda|s3control)\\..*");

    static Stream<Named<Class<?>>> parameterModules() {
        return Arrays.stream(CatalogueParametersModule.class.getAnnotation(Module.class).includes())
                .map(module -> Named.of(module.getSimpleName(), module));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parameterModules")
    void givesItsParametersWithoutAnyDomainSdk(Class<?> module) throws Exception {
        try (URLClassLoader withoutSdks = new WithoutDomainSdks()) {
            Class<?> isolated = Class.forName(module.getName(), true, withoutSdks);
            List<Object> parameters = new ArrayList<>();
            for (Method provider : isolated.getDeclaredMethods()) {
                if (provider.isAnnotationPresent(Provides.class) && Modifier.isStatic(provider.getModifiers())) {
                    provider.setAccessible(true);
                    parameters.add(provider.invoke(null));
                }
            }

            assertThat(isolated.getClassLoader()).isSameAs(withoutSdks);
            assertThat(parameters).isNotEmpty().doesNotContainNull();
        }
    }

    /** Loads Backstop's own classes itself (so they see what it hides), the rest from the parent. */
    private static final class WithoutDomainSdks extends URLClassLoader {

        WithoutDomainSdks() {
            super(classpath(), CatalogueParametersModuleTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (DOMAIN_SDK.matcher(name).matches()) {
                throw new ClassNotFoundException(name + " (hidden: not in other domains' artifacts)");
            }
            if (!name.startsWith("dev.backstop.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : findClass(name);
            }
        }

        private static URL[] classpath() {
            return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                    .map(entry -> {
                        try {
                            return new File(entry).toURI().toURL();
                        } catch (MalformedURLException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toArray(URL[]::new);
        }
    }
}
