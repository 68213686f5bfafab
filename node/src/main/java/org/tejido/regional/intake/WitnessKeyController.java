package org.tejido.regional.intake;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The aggregator's witness key, for those who check its cosignatures on the checkpoints it serves
 * (docs/auditing.md); nodes get it from the aggregator's operator, out of band, as
 * {@code tejido.federation.witness-key}, and compare it with this.
 */
@RestController
@Tag(name = "Origins' logs")
class WitnessKeyController {
    private final Witness witness;

    WitnessKeyController(Witness witness) {
        this.witness = witness;
    }

    @Operation(
            summary = "Read the witness key",
            description = "The key that cosigns every checkpoint the aggregator accepts, as a c2sp.org/signed-note"
                    + " verifier key of type 0x04 (c2sp.org/tlog-cosignature), one line.")
    @ApiResponse(responseCode = "200", description = "The verifier key.")
    @GetMapping(path = "/api/federation/witness-key", produces = MediaType.TEXT_PLAIN_VALUE)
    String witnessKey() {
        return witness.verifierKey() + "\n";
    }
}
