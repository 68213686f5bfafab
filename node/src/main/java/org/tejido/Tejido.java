package org.tejido;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The node: one application, its role (national or regional) chosen by Spring profile. */
@SpringBootApplication
public class Tejido {
    public static void main(String[] args) {
        SpringApplication.run(Tejido.class, args);
    }
}
