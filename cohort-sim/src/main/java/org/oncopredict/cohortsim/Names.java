package org.oncopredict.cohortsim;

import java.util.List;

/**
 * Built-in name pools, grouped by naming tradition so that given and family names fit together.
 * Deliberately international and non-ASCII ("Zoë Müller", "李雷", "José Núñez"): every consumer of
 * the profiles (database, JSON, PDF, UI) must handle Unicode names.
 */
final class Names {

    /** A naming tradition: female and male given names and family names. */
    private record Tradition(double weight, List<String> female, List<String> male, List<String> family) {
    }

    /** A full name. */
    record Name(String given, String family) {
    }

    private static final List<Tradition> TRADITIONS = List.of(
            new Tradition(0.24,
                    List.of("Emily", "Margaret", "Sarah", "Olivia", "Grace", "Helen", "Susan"),
                    List.of("James", "Robert", "Thomas", "Daniel", "George", "Michael", "Peter"),
                    List.of("Smith", "O'Brien", "Taylor", "Walker", "Thompson", "Hughes", "Evans")),
            new Tradition(0.14,
                    List.of("Zoë", "Anneliese", "Käthe", "Sabine", "Ursula", "Jana"),
                    List.of("Jörg", "Günter", "Lukas", "Matthias", "Jürgen", "Uwe"),
                    List.of("Müller", "Schäfer", "Weiß", "Köhler", "Groß", "Becker")),
            new Tradition(0.12,
                    List.of("María José", "Lucía", "Inés", "Begoña", "Sofía", "Carmen"),
                    List.of("José", "Ángel", "Martín", "Íñigo", "Jesús", "Raúl"),
                    List.of("Núñez", "García", "Peña", "Muñoz", "Álvarez", "Ibáñez")),
            new Tradition(0.10,
                    List.of("Chloé", "Hélène", "Anaïs", "Élodie", "Mathilde"),
                    List.of("Loïc", "François", "Jérôme", "Noël", "Étienne"),
                    List.of("Lefèvre", "Dupré", "Bélanger", "Moreau", "Girard")),
            new Tradition(0.08,
                    List.of("芳", "静", "秀英", "丽", "娜"),
                    List.of("雷", "伟", "强", "磊", "军"),
                    List.of("李", "王", "张", "刘", "陈")),
            new Tradition(0.06,
                    List.of("Åsa", "Ingrid", "Sigrún", "Maja", "Björk"),
                    List.of("Søren", "Bjørn", "Håkan", "Olav", "Jón"),
                    List.of("Ødegaard", "Lindström", "Sørensen", "Nyström", "Hansen")),
            new Tradition(0.06,
                    List.of("Ayşe", "Gülşen", "Elif", "Zeynep"),
                    List.of("Çağlar", "Mehmet", "Oğuz", "Mustafa"),
                    List.of("Yılmaz", "Şahin", "Öztürk", "Çelik")),
            new Tradition(0.06,
                    List.of("Małgorzata", "Zofia", "Agnieszka", "Ewa"),
                    List.of("Łukasz", "Paweł", "Krzysztof", "Wojciech"),
                    List.of("Wójcik", "Nowak", "Mazur", "Król")),
            new Tradition(0.07,
                    List.of("Fatima", "Aisha", "Layla", "Nour"),
                    List.of("Omar", "Yusuf", "Karim", "Samir"),
                    List.of("Haddad", "Al-Masri", "Khalil", "Nassar")),
            new Tradition(0.07,
                    List.of("Thị Lan", "Ngọc Anh", "Thu Hà"),
                    List.of("Văn Minh", "Quốc Bảo", "Đức Anh"),
                    List.of("Nguyễn", "Trần", "Phạm", "Lê")));

    private static final double[] WEIGHTS = TRADITIONS.stream().mapToDouble(Tradition::weight).toArray();

    private Names() {
    }

    static Name draw(Rng rng, boolean female) {
        Tradition tradition = TRADITIONS.get(rng.weighted(WEIGHTS));
        return new Name(rng.pick(female ? tradition.female() : tradition.male()), rng.pick(tradition.family()));
    }
}
