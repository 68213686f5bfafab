package org.tejido.platform.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document served at /v3/api-docs: generated from the controllers, titled here. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {
    @Bean
    OpenAPI tejidoOpenApi(@Value("${spring.application.name}") String name) {
        return new OpenAPI()
                .info(new Info()
                        .title("Tejido node API")
                        .version("v1")
                        .description("HTTP API of a Tejido node (" + name + "). Errors are RFC 9457 problem"
                                + " details with a stable `code`; sentences in Spanish by default, English with"
                                + " Accept-Language: en.")
                        .license(new License().name("See the repository")));
    }
}
