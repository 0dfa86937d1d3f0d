package org.yidan.settlement.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yidan.settlement.hl7.Hl7Mapping;
import org.yidan.settlement.hl7.Hl7MappingException;
import org.yidan.settlement.hl7.profile.Hl7Profile;
import org.yidan.settlement.hl7.profile.ProfileBuilder;
import org.yidan.settlement.hl7.profile.ProfileDeclaration;
import org.yidan.settlement.hl7.profile.ProfileMarkdown;
import org.yidan.settlement.io.Json;

/**
 * {@code profile [--mappings DIR] [--markdown | --update FILE]}: the HL7 message profile with the mapping of DIR
 * (default mappings), as the service serves it (JSON), as Markdown, or written into FILE's profile section.
 */
final class ProfileCommand {
    private ProfileCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path mappings = Path.of("mappings");
        boolean markdown = false;
        Path update = null;
        try {
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--mappings" -> mappings = Path.of(args[++i]);
                    case "--markdown" -> markdown = true;
                    case "--update" -> update = Path.of(args[++i]);
                    default -> {
                        err.println("unknown option " + args[i] + "\n" + Main.USAGE);
                        return 2;
                    }
                }
            }
        } catch (ArrayIndexOutOfBoundsException ex) {
            err.println(args[args.length - 1] + " needs a value");
            return 2;
        }
        try {
            Hl7Profile p = ProfileBuilder.build(ProfileDeclaration.standard(), Hl7Mapping.load(mappings.resolve("hl7-default.yaml")));
            if (update != null) {
                String doc = Files.readString(update, StandardCharsets.UTF_8);
                String next = ProfileMarkdown.update(doc, p);
                Files.writeString(update, next, StandardCharsets.UTF_8);
                out.println(update + (next.equals(doc) ? ": the message profile section was already current" : ": message profile section written"));
            } else if (markdown) {
                out.println(ProfileMarkdown.section(p));
            } else {
                out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(p));
            }
            return 0;
        } catch (Hl7MappingException ex) {
            err.println("bad mapping: " + ex.getMessage());
            return 3;
        } catch (IOException | IllegalArgumentException ex) {
            err.println("profile: " + ex.getMessage());
            return 1;
        }
    }
}
