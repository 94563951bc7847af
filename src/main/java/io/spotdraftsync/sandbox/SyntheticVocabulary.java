package io.spotdraftsync.sandbox;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.spotdraftsync.sandbox.KeyPointerDefinition.Section;

/**
 * The word lists and fixed catalogues the synthetic workspace is built from. Names mix ASCII and non-ASCII on
 * purpose (umlauts, Japanese, Chinese, Polish, Greek letters) so that encodings get exercised end to end.
 */
final class SyntheticVocabulary {

    private SyntheticVocabulary() {
    }

    /** How contracts of one type are named and which metadata fields they carry. */
    record ContractTypeBlueprint(int id, String name, int weight, boolean individualCounterparty,
            List<String> namePatterns, List<String> keyPointerFields, List<Integer> templateIds) {
    }

    /** A place an address can be in. */
    record Place(String countryCode, String countryName, String city, String state, String zipcode) {
    }

    /** A fixed organization, with its country and organization type. */
    record NamedOrganization(String name, String countryCode, String organizationType) {
    }

    /** A legal-form suffix, the organization type it stands for and the country it implies. */
    record LegalForm(String suffix, String organizationType, String countryCode) {
    }

    /** An individual's name. */
    record PersonName(String first, String last) {
    }

    /** An external system contracts are linked to: its name, record type and record id prefix. */
    record Integration(String name, String recordType, String idPrefix) {
    }

    private static final Section KEY_DATES = new Section(10, "SYSTEM_DEFINED", "Key Dates");
    private static final Section COMMERCIAL = new Section(11, "USER_DEFINED", "Commercial Terms");
    private static final Section LEGAL = new Section(12, "USER_DEFINED", "Legal");
    private static final Section OPERATIONS = new Section(13, "USER_DEFINED", "Operations");

    static final List<KeyPointerDefinition> KEY_POINTERS = List.of(
            definition(301, "effective_date", "Effective Date", KeyPointerType.DATE, List.of(), KEY_DATES),
            definition(302, "expiry_date", "Expiry Date", KeyPointerType.DATE, List.of(), KEY_DATES),
            definition(303, "contract_value", "Contract Value", KeyPointerType.CURRENCY, List.of(), COMMERCIAL),
            definition(304, "auto_renewal", "Auto Renewal", KeyPointerType.BOOLEAN, List.of(), LEGAL),
            definition(305, "governing_law", "Governing Law", KeyPointerType.CHOICE,
                    List.of("Delaware", "New York", "California", "England and Wales", "Germany", "India", "Singapore",
                            "Japan"), LEGAL),
            definition(306, "department", "Department", KeyPointerType.STRING, List.of(), OPERATIONS),
            definition(307, "confidentiality_term", "Confidentiality Term", KeyPointerType.DURATION, List.of(), LEGAL),
            definition(308, "mutual", "Mutual NDA", KeyPointerType.BOOLEAN, List.of(), LEGAL),
            definition(309, "payment_terms_days", "Payment Terms (days)", KeyPointerType.INTEGER, List.of(), COMMERCIAL),
            definition(310, "liability_cap", "Liability Cap", KeyPointerType.CURRENCY, List.of(), LEGAL),
            definition(311, "service_countries", "Service Countries", KeyPointerType.MULTIPLE_CHOICE,
                    List.of("US", "IN", "DE", "GB", "SG", "JP", "FR", "BR"), OPERATIONS),
            definition(312, "milestones", "Milestones", KeyPointerType.TEXT_LIST, List.of(), COMMERCIAL),
            definition(313, "discount_percent", "Discount (%)", KeyPointerType.DECIMAL, List.of(), COMMERCIAL),
            definition(314, "data_processing_regions", "Data Processing Regions", KeyPointerType.MULTIPLE_CHOICE,
                    List.of("EU", "US", "IN", "APAC", "UK"), LEGAL),
            definition(315, "sub_processors_allowed", "Sub-processors Allowed", KeyPointerType.BOOLEAN, List.of(), LEGAL),
            definition(316, "renewal_term", "Renewal Term", KeyPointerType.DURATION, List.of(), COMMERCIAL),
            definition(317, "vendor_id", "Vendor ID", KeyPointerType.STRING, List.of(), OPERATIONS),
            definition(318, "start_date", "Start Date", KeyPointerType.DATE, List.of(), KEY_DATES),
            definition(319, "notice_period_days", "Notice Period (days)", KeyPointerType.INTEGER, List.of(), LEGAL),
            definition(320, "annual_salary", "Annual Salary", KeyPointerType.CURRENCY, List.of(), COMMERCIAL),
            definition(321, "billing_frequency", "Billing Frequency", KeyPointerType.CHOICE,
                    List.of("monthly", "quarterly", "annual"), COMMERCIAL));

    static final List<ContractTypeBlueprint> CONTRACT_TYPES = List.of(
            new ContractTypeBlueprint(100, "Non-Disclosure Agreement", 25, false,
                    List.of("Mutual NDA - {cp}", "Non-Disclosure Agreement with {cp}", "{cp} NDA {year}"),
                    List.of("effective_date", "expiry_date", "governing_law", "department", "confidentiality_term", "mutual"),
                    List.of(1201, 1202)),
            new ContractTypeBlueprint(101, "Master Services Agreement", 15, false,
                    List.of("Master Services Agreement - {cp}", "{cp} MSA {year}"),
                    List.of("effective_date", "expiry_date", "contract_value", "auto_renewal", "governing_law",
                            "department", "payment_terms_days", "liability_cap", "service_countries", "billing_frequency"),
                    List.of(1211)),
            new ContractTypeBlueprint(102, "Statement of Work", 15, false,
                    List.of("Statement of Work #{n} - {cp}", "SOW {cp} {quarter} {year}"),
                    List.of("effective_date", "expiry_date", "contract_value", "department", "milestones",
                            "discount_percent", "payment_terms_days"),
                    List.of(1221, 1222)),
            new ContractTypeBlueprint(103, "Data Processing Agreement", 10, false,
                    List.of("Data Processing Agreement - {cp}", "{cp} DPA (GDPR)"),
                    List.of("effective_date", "expiry_date", "auto_renewal", "governing_law", "data_processing_regions",
                            "sub_processors_allowed"),
                    List.of(1231)),
            new ContractTypeBlueprint(104, "Sales Order Form", 15, false,
                    List.of("Order Form {cp} {year}", "Sales Order SO-{n} - {cp}"),
                    List.of("effective_date", "expiry_date", "contract_value", "auto_renewal", "renewal_term",
                            "discount_percent", "billing_frequency"),
                    List.of(1241, 1242)),
            new ContractTypeBlueprint(105, "Vendor Agreement", 12, false,
                    List.of("Vendor Agreement - {cp}", "{cp} Supplier Terms {year}"),
                    List.of("effective_date", "expiry_date", "contract_value", "governing_law", "department",
                            "vendor_id", "payment_terms_days", "liability_cap"),
                    List.of(1251)),
            new ContractTypeBlueprint(106, "Employment Agreement", 8, true,
                    List.of("Employment Agreement - {cp}", "Offer Letter - {cp}"),
                    List.of("start_date", "notice_period_days", "annual_salary", "department", "governing_law"),
                    List.of(1261)));

    static final List<NamedOrganization> CURATED_ORGANIZATIONS = List.of(
            new NamedOrganization("Müller GmbH", "DE", "GmbH"),
            new NamedOrganization("株式会社サンプル", "JP", "Kabushiki Kaisha"),
            new NamedOrganization("Société Générale des Essais S.A.S.", "FR", "S.A.S."),
            new NamedOrganization("Øresund Logistik ApS", "DK", "ApS"),
            new NamedOrganization("Łódź Software Sp. z o.o.", "PL", "Sp. z o.o."),
            new NamedOrganization("São Paulo Comércio Ltda.", "BR", "Ltda."),
            new NamedOrganization("北京示例科技有限公司", "CN", "Limited Company"),
            new NamedOrganization("Zürich Rückversicherung AG", "CH", "AG"),
            new NamedOrganization("Δέλτα Συμβουλευτική Α.Ε.", "GR", "Α.Ε."));

    static final List<PersonName> CURATED_INDIVIDUALS = List.of(
            new PersonName("Zoë", "Ångström"), new PersonName("José", "Núñez"), new PersonName("Søren", "Lindqvist"),
            new PersonName("Anaïs", "Dubois"), new PersonName("Łukasz", "Wiśniewski"));

    static final List<String> ORGANIZATION_STEMS = List.of(
            "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Soylent", "Tyrell", "Cyberdyne", "Wonka",
            "Oceanic", "Pied Piper", "Massive Dynamic", "Aperture", "Monarch", "Nakatomi", "Dunder Mifflin",
            "Sterling Cooper", "Blue Sun", "Gringotts", "Stark", "Wayne", "Oscorp", "Virtucon", "Bluth", "Prestige",
            "Contoso", "Fabrikam", "Northbridge", "Silverline", "Redwood", "Lakeside", "Summit", "Ironclad",
            "Brightwave", "Harbor", "Evergreen", "Quantum", "Polaris", "Crescent");

    static final List<String> ORGANIZATION_QUALIFIERS = List.of(
            "", "", "", "Holdings", "Technologies", "Logistics", "Health", "Energy", "Foods", "Capital", "Labs",
            "Systems", "Media", "Pharma");

    static final List<LegalForm> LEGAL_FORMS = List.of(
            new LegalForm("Inc.", "Corporation", "US"), new LegalForm("LLC", "Limited Liability Company (LLC)", "US"),
            new LegalForm("Corp.", "Corporation", "US"), new LegalForm("Ltd.", "Private Limited Company", "GB"),
            new LegalForm("PLC", "Public Limited Company", "GB"), new LegalForm("GmbH", "GmbH", "DE"),
            new LegalForm("AG", "AG", "DE"), new LegalForm("S.A.S.", "S.A.S.", "FR"),
            new LegalForm("Pvt. Ltd.", "Private Limited", "IN"), new LegalForm("B.V.", "B.V.", "NL"),
            new LegalForm("Pte. Ltd.", "Private Limited", "SG"), new LegalForm("K.K.", "Kabushiki Kaisha", "JP"));

    static final List<String> FIRST_NAMES = List.of(
            "Olivia", "Liam", "Emma", "Noah", "Ava", "Mateo", "Amara", "Kwame", "Fatima", "Ingrid", "Dmitri", "Priya",
            "Wei", "Hiroshi", "Chloé", "François", "Björn", "Aoife", "Müge", "Zoë", "José", "Søren", "Łukasz",
            "Anaïs", "Grace", "Daniel", "Sofia", "Kenji", "Amélie", "Jonas");

    static final List<String> LAST_NAMES = List.of(
            "Johnson", "Smith", "García", "Okafor", "Haddad", "Lindqvist", "Petrov", "Rossi", "Kowalski", "Nguyen",
            "Sharma", "Zhang", "Tanaka", "Müller", "Yılmaz", "Dubois", "O'Brien", "Núñez", "Ångström", "Wiśniewski",
            "Gunnarsson", "Becker", "Okoye", "Costa", "Marino", "Watanabe", "Laurent", "Raman");

    static final List<WorkspaceUser> USERS = List.of(
            new WorkspaceUser(17251, "Morgan Lee", "morgan.lee@northwind.example"),
            new WorkspaceUser(17252, "Priya Raman", "priya.raman@northwind.example"),
            new WorkspaceUser(17253, "Jonas Becker", "jonas.becker@northwind.example"),
            new WorkspaceUser(17254, "Amélie Laurent", "amelie.laurent@northwind.example"),
            new WorkspaceUser(17255, "Kenji Watanabe", "kenji.watanabe@northwind.example"),
            new WorkspaceUser(17256, "Grace Okoye", "grace.okoye@northwind.example"),
            new WorkspaceUser(17257, "Daniel Costa", "daniel.costa@northwind.example"),
            new WorkspaceUser(17258, "Sofia Marino", "sofia.marino@northwind.example"));

    /** The first three users work in the legal team. */
    static final int LEGAL_USERS = 3;

    static final List<OrganizationEntity> ENTITIES = List.of(
            new OrganizationEntity(78, "Northwind Holdings Inc.", "US1", 234, "United States", "US", 2001, "Corporation",
                    new PostalAddress(5073, "3659 Burwell Heights Road", "Houston", "Texas", "77020", "United States", "US"),
                    true),
            new OrganizationEntity(79, "Northwind Europe GmbH", "DE1", 83, "Germany", "DE", 2002, "GmbH",
                    new PostalAddress(5074, "Leopoldstraße 12", "München", "Bayern", "80802", "Germany", "DE"), false),
            new OrganizationEntity(80, "Northwind India Pvt. Ltd.", "IN1", 104, "India", "IN", 2003, "Private Limited",
                    new PostalAddress(5075, "14 MG Road", "Bengaluru", "Karnataka", "560001", "India", "IN"), false));

    static final List<Place> PLACES = List.of(
            new Place("US", "United States", "Cincinnati", "Ohio", "45202"),
            new Place("US", "United States", "Austin", "Texas", "78701"),
            new Place("US", "United States", "Seattle", "Washington", "98101"),
            new Place("GB", "United Kingdom", "London", "Greater London", "EC1A 1BB"),
            new Place("DE", "Germany", "Köln", "Nordrhein-Westfalen", "50667"),
            new Place("DE", "Germany", "München", "Bayern", "80331"),
            new Place("FR", "France", "Paris", "Île-de-France", "75002"),
            new Place("IN", "India", "Mumbai", "Maharashtra", "400001"),
            new Place("IN", "India", "Bengaluru", "Karnataka", "560001"),
            new Place("NL", "Netherlands", "Amsterdam", "Noord-Holland", "1012 AB"),
            new Place("SG", "Singapore", "Singapore", "Singapore", "018956"),
            new Place("JP", "Japan", "東京", "東京都", "100-0001"),
            new Place("DK", "Denmark", "København", "Hovedstaden", "1050"),
            new Place("PL", "Poland", "Łódź", "łódzkie", "90-001"),
            new Place("BR", "Brazil", "São Paulo", "SP", "01000-000"),
            new Place("CN", "China", "北京", "北京市", "100000"),
            new Place("CH", "Switzerland", "Zürich", "ZH", "8001"),
            new Place("GR", "Greece", "Αθήνα", "Αττική", "105 57"));

    static final List<String> STREETS = List.of(
            "Jenkins Road", "Market Street", "Hauptstraße", "Rue de Rivoli", "Church Lane", "Ringvej", "Avenida Paulista",
            "Bahnhofstrasse", "Harbour Drive", "Oak Avenue");

    static final List<String> DEPARTMENTS = List.of(
            "Legal", "Sales", "Procurement", "Engineering", "Finance", "People", "Marketing", "Operations");

    static final List<String> MILESTONES = List.of(
            "Kickoff", "Design sign-off", "Implementation", "User acceptance testing", "Go-live", "Hypercare");

    /** Weighted: most contracts are in dollars. */
    static final List<String> CURRENCIES = List.of("USD", "USD", "USD", "USD", "EUR", "EUR", "GBP", "INR", "INR", "JPY");

    static final List<Integration> INTEGRATIONS = List.of(
            new Integration("Salesforce", "Opportunity", "SF-OPP"), new Integration("HubSpot", "Deal", "HS-DEAL"),
            new Integration("NetSuite", "Vendor", "NS-VEND"), new Integration("Workday", "Worker", "WD-WRK"));

    static final List<String> DEAL_STAGES = List.of("Prospecting", "Negotiation", "Closed Won", "Contract Sent");

    static Place place(String countryCode, int variant) {
        List<Place> inCountry = PLACES.stream().filter(place -> place.countryCode().equals(countryCode)).toList();
        return inCountry.get(Math.floorMod(variant, inCountry.size()));
    }

    static ContractTypeBlueprint blueprint(int contractTypeId) {
        return CONTRACT_TYPES.stream().filter(type -> type.id() == contractTypeId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No blueprint for contract type " + contractTypeId));
    }

    static Map<String, KeyPointerDefinition> keyPointersByField() {
        Map<String, KeyPointerDefinition> byField = new LinkedHashMap<>();
        KEY_POINTERS.forEach(definition -> byField.put(definition.fieldName(), definition));
        return byField;
    }

    /** Lowercase ASCII letters and digits only: accents dropped, other scripts removed (for e-mail addresses). */
    static String asciiSlug(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return decomposed.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static KeyPointerDefinition definition(int id, String fieldName, String label, KeyPointerType type,
            List<String> options, Section section) {
        return new KeyPointerDefinition(id, fieldName, label, type, options, section);
    }
}
