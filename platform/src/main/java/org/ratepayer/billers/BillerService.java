package org.ratepayer.billers;

import org.ratepayer.billers.internal.BillerTemplate;
import org.ratepayer.billers.internal.OptionRules;
import org.ratepayer.billers.internal.TimeZones;
import org.ratepayer.shared.cache.ClusterCaches;
import org.ratepayer.shared.web.Environment;
import org.ratepayer.shared.web.KeyKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.bif.FileSpec;
import org.ratepayer.shared.secrets.SecretCipher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates billers and changes their configuration; every value is validated before it is stored. */
@Service
public class BillerService {

    static final String MASK = "********";

    private final BillerRepository repo;
    private final ConfigCatalogue catalogue;
    private final ConfigValidator validator;
    private final SecretCipher cipher;
    private final List<SettingChangeGuard> guards;
    private final BillerKeys keys = new BillerKeys();
    /**
     * Hot paths (every balance refresh, every payment) read the configuration. A change made on any node is forgotten
     * by every node when it commits ({@link ClusterCaches}); the TTL bounds a missed notification.
     */
    private final java.util.concurrent.ConcurrentHashMap<Long, CachedConfig> configCache = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.time.Duration configTtl = java.time.Duration.ofSeconds(5);
    private final ClusterCaches caches;
    static final String CONFIG_CACHE = "biller-config";

    private record CachedConfig(BillerConfig config, Biller biller, long loadedAtNanos) {
    }

    public BillerService(BillerRepository repo, ConfigCatalogue catalogue, ConfigValidator validator, SecretCipher cipher,
            ClusterCaches caches, List<SettingChangeGuard> guards) {
        this.guards = List.copyOf(guards);
        this.repo = repo;
        this.catalogue = catalogue;
        this.validator = validator;
        this.cipher = cipher;
        this.caches = caches;
        caches.register(CONFIG_CACHE, new ClusterCaches.Cache() {
            @Override
            public void forget(String key) {
                configCache.remove(Long.valueOf(key));
            }

            @Override
            public void forgetAll() {
                configCache.clear();
            }
        });
    }

    /** {@code timeZone} null: the template's zone. */
    public record NewBiller(long bid, String name, String template, UUID guid, String timeZone) {
        public NewBiller(long bid, String name, String template, UUID guid) {
            this(bid, name, template, guid, null);
        }
    }

    public record CreatedBiller(BillerView biller, List<IssuedKey> keys) {
    }

    @Transactional
    public CreatedBiller create(NewBiller request, String actor) {
        if (request.bid() <= 0) {
            throw new ConfigValidationException("bid: must be a positive number");
        }
        if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
            throw new ConfigValidationException("name: required, at most 200 characters");
        }
        BillerTemplate template = BillerTemplate.byId(request.template() == null ? "daffron" : request.template())
                .orElseThrow(() -> new ConfigValidationException("template: '" + request.template() + "' is not one of daffron, standard"));
        java.time.ZoneId zone = request.timeZone() == null ? template.timeZone() : TimeZones.parse(request.timeZone());
        if (repo.exists(request.bid())) {
            throw new BillerExistsException(request.bid());
        }
        UUID guid = request.guid() != null ? request.guid() : UUID.randomUUID();
        if (repo.findByGuid(guid).isPresent()) {
            throw new ConfigValidationException("guid: " + guid + " is already used by another biller");
        }
        repo.insert(new Biller(request.bid(), guid, request.name().trim(), template.id(), FileSpec.daffronDefault(), zone, null));
        repo.insertInvoiceType(request.bid(), template.invoiceTypeId(), template.invoiceTypeName());
        if (template.appliesCatalogueDefaults()) {
            for (ConfigDef def : catalogue.options()) {
                if (def.daffronDefault() != null) {
                    repo.upsertOption(request.bid(), def.id(), def.perInvoiceType() ? template.invoiceTypeId() : 0, def.daffronDefault());
                }
            }
            for (ConfigDef def : catalogue.settings()) {
                if (def.daffronDefault() != null) {
                    repo.upsertSetting(request.bid(), def.id(), def.daffronDefault(), null);
                }
            }
        }
        List<IssuedKey> issued = new ArrayList<>();
        for (Environment env : Environment.values()) {
            for (KeyKind kind : KeyKind.values()) {
                issued.add(issueKey(request.bid(), kind, env));
            }
        }
        repo.recordChange(request.bid(), "biller created from template " + template.id(), null, actor);
        return new CreatedBiller(view(request.bid()), issued);
    }

    /** Replaces one key; the old one stops working at commit. */
    @Transactional
    public IssuedKey rotateKey(long bid, KeyKind kind, Environment env, String actor) {
        requireBiller(bid);
        IssuedKey key = issueKey(bid, kind, env);
        repo.recordChange(bid, "key " + kind + " " + env + " rotated", null, actor);
        caches.changed(org.ratepayer.billers.internal.ApiKeyAuthenticator.KEYS_CACHE, String.valueOf(bid));
        return key;
    }

    /** Decrypts a biller's keys of one environment, for the demo manifest and an operator re-issuing them. */
    public List<IssuedKey> revealKeys(long bid, Environment env) {
        requireBiller(bid);
        return repo.storedKeys(bid, env).stream()
                .map(k -> new IssuedKey(k.kind(), env, cipher.decrypt(k.cipher(), keyContext(bid, k.kind(), env))))
                .toList();
    }

    private IssuedKey issueKey(long bid, KeyKind kind, Environment env) {
        String key = keys.generate(kind, env);
        repo.insertKey(bid, kind, env, BillerKeys.fingerprint(key),
                cipher.encrypt(key, keyContext(bid, kind, env)), BillerKeys.last4(key));
        return new IssuedKey(kind, env, key);
    }

    static String keyContext(long bid, KeyKind kind, Environment env) {
        return "biller " + bid + " key " + kind + " " + env;
    }

    static String settingContext(long bid, int settingId) {
        return "biller " + bid + " setting " + settingId;
    }

    @Transactional
    public BillerView setOption(long bid, int optionId, Integer invoiceTypeId, JsonNode value, String actor) {
        requireBiller(bid);
        ConfigDef def = catalogue.option(optionId)
                .orElseThrow(() -> new ConfigValidationException("option " + optionId + ": no such option"));
        int typeId = 0;
        if (def.perInvoiceType()) {
            typeId = invoiceTypeId != null ? invoiceTypeId : defaultInvoiceType(bid);
            if (!repo.invoiceTypeExists(bid, typeId)) {
                throw new ConfigValidationException("option " + optionId + ": biller " + bid + " has no invoice type " + typeId);
            }
        } else if (invoiceTypeId != null) {
            throw new ConfigValidationException("option " + optionId + ": is set for the whole biller, not per invoice type");
        }
        String canonical = validator.canonical(def, "option " + optionId, value);
        Map<Integer, String> after = new HashMap<>();
        for (BillerRepository.StoredOption o : repo.options(bid)) {
            if (o.invoiceTypeId() == 0) {
                after.put(o.optionId(), o.value());
            }
        }
        if (typeId == 0) {
            if (canonical == null) {
                after.remove(optionId);
            } else {
                after.put(optionId, canonical);
            }
        }
        OptionRules.check(after);
        if (canonical == null) {
            repo.deleteOption(bid, optionId, typeId);
        } else {
            repo.upsertOption(bid, optionId, typeId, canonical);
        }
        caches.changed(CONFIG_CACHE, String.valueOf(bid));
        repo.recordChange(bid, "option " + optionId + (typeId == 0 ? "" : " (invoice type " + typeId + ")"), canonical, actor);
        return view(bid);
    }

    @Transactional
    public BillerView setSetting(long bid, int settingId, JsonNode value, String actor) {
        requireBiller(bid);
        ConfigDef def = catalogue.setting(settingId)
                .orElseThrow(() -> new ConfigValidationException("setting " + settingId + ": no such advanced setting"));
        String canonical = validator.canonical(def, "setting " + settingId, value);
        if (!guards.isEmpty()) {
            Optional<String> before = def.secret() ? Optional.empty() : repo.settings(bid).stream()
                    .filter(s -> s.settingId() == settingId).map(BillerRepository.StoredSetting::value).filter(v -> v != null).findFirst();
            for (SettingChangeGuard guard : guards) {
                guard.check(bid, settingId, before, Optional.ofNullable(canonical));
            }
        }
        if (canonical == null) {
            repo.deleteSetting(bid, settingId);
        } else if (def.secret()) {
            repo.upsertSetting(bid, settingId, null, cipher.encrypt(canonical, settingContext(bid, settingId)));
        } else {
            repo.upsertSetting(bid, settingId, canonical, null);
        }
        caches.changed(CONFIG_CACHE, String.valueOf(bid));
        repo.recordChange(bid, "setting " + settingId, def.secret() && canonical != null ? MASK : canonical, actor);
        return view(bid);
    }

    @Transactional
    public BillerView setFileSpec(long bid, String spec, String actor) {
        requireBiller(bid);
        FileSpec parsed;
        try {
            parsed = FileSpec.parse(spec == null ? "" : spec);
        } catch (IllegalArgumentException e) {
            throw new ConfigValidationException("fileSpec: " + e.getMessage());
        }
        repo.updateFileSpec(bid, parsed);
        caches.changed(CONFIG_CACHE, String.valueOf(bid));
        repo.recordChange(bid, "file spec", parsed.format(), actor);
        return view(bid);
    }

    /** Moves the biller to another zone; its "today", business days and CIS times follow from now on. */
    @Transactional
    public BillerView setTimeZone(long bid, String timeZone, String actor) {
        requireBiller(bid);
        java.time.ZoneId zone = TimeZones.parse(timeZone);
        repo.updateTimeZone(bid, zone);
        caches.changed(CONFIG_CACHE, String.valueOf(bid));
        repo.recordChange(bid, "time zone", zone.getId(), actor);
        return view(bid);
    }

    public Optional<Biller> find(long bid) {
        return repo.find(bid);
    }

    /** The biller whose public GUID this is (the key in its webhook addresses, docs/ach.md). */
    public Optional<Biller> findByGuid(UUID guid) {
        return repo.findByGuid(guid);
    }

    public Biller require(long bid) {
        return repo.find(bid).orElseThrow(() -> new BillerNotFoundException(bid));
    }

    public List<Biller> all() {
        return repo.all();
    }

    /**
     * A recurring job's pass over every biller: each biller on its own, so that one whose work fails (logged, tried
     * again at the job's next pass) never holds up the others.
     */
    public void forEach(String job, java.util.function.LongConsumer work) {
        for (Biller b : repo.all()) {
            try {
                work.accept(b.bid());
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(BillerService.class)
                        .error("{} for biller {} failed; tried again at the next pass", job, b.bid(), e);
            }
        }
    }

    private void requireBiller(long bid) {
        if (!repo.exists(bid)) {
            throw new BillerNotFoundException(bid);
        }
    }

    /** The invoice type of invoices whose file does not say (the template's, e.g. 42 for Daffron). */
    public int defaultInvoiceType(long bid) {
        return repo.invoiceTypes(bid).stream().mapToInt(BillerRepository.InvoiceTypeInfo::typeId).min()
                .orElseThrow(() -> new ConfigValidationException("biller " + bid + " has no invoice type"));
    }

    /** Like {@link #config}, from a short-lived cache; changes made through this service show at once. */
    public BillerConfig cachedConfig(long bid) {
        return cached(bid).config();
    }

    /** Like {@link #require}, from the same short-lived cache as {@link #cachedConfig}. */
    public Biller cachedBiller(long bid) {
        return cached(bid).biller();
    }

    private CachedConfig cached(long bid) {
        CachedConfig c = configCache.get(bid);
        long now = System.nanoTime();
        if (c == null || now - c.loadedAtNanos() > configTtl.toNanos()) {
            c = new CachedConfig(config(bid), require(bid), now);
            configCache.put(bid, c);
        }
        return c;
    }

    /** The configuration as the platform uses it, secrets decrypted. Never hand this to an API response. */
    public BillerConfig config(long bid) {
        Biller biller = require(bid);
        Map<String, String> options = new HashMap<>();
        for (BillerRepository.StoredOption o : repo.options(bid)) {
            options.put(BillerConfig.optionKey(o.optionId(), o.invoiceTypeId()), o.value());
        }
        Map<Integer, String> settings = new HashMap<>();
        for (BillerRepository.StoredSetting s : repo.settings(bid)) {
            settings.put(s.settingId(), s.cipher() != null ? cipher.decrypt(s.cipher(), settingContext(bid, s.settingId())) : s.value());
        }
        return new BillerConfig(bid, options, settings, biller.timeZone());
    }

    /** What the API shows: every option and setting with its meaning; secrets and keys masked. */
    public BillerView view(long bid) {
        Biller b = require(bid);
        List<BillerView.OptionValue> options = new ArrayList<>();
        for (BillerRepository.StoredOption o : repo.options(bid)) {
            ConfigDef def = catalogue.option(o.optionId()).orElse(null);
            options.add(new BillerView.OptionValue(o.optionId(), def == null ? "(retired)" : def.name(),
                    o.invoiceTypeId() == 0 ? null : o.invoiceTypeId(), parse(def, o.value())));
        }
        List<BillerView.SettingValue> settings = new ArrayList<>();
        for (BillerRepository.StoredSetting s : repo.settings(bid)) {
            ConfigDef def = catalogue.setting(s.settingId()).orElse(null);
            boolean secret = s.cipher() != null;
            settings.add(new BillerView.SettingValue(s.settingId(), def == null ? "(retired)" : def.name(),
                    secret ? TextNode.valueOf(MASK) : parse(def, s.value()), secret));
        }
        settings.sort(Comparator.comparingInt(BillerView.SettingValue::id));
        List<BillerView.KeyValue> keyViews = repo.keys(bid).stream()
                .map(k -> new BillerView.KeyValue(k.kind(), k.environment(), "…" + k.last4(), k.createdAt()))
                .toList();
        List<BillerView.InvoiceType> types = repo.invoiceTypes(bid).stream()
                .map(t -> new BillerView.InvoiceType(t.typeId(), t.name())).toList();
        return new BillerView(b.bid(), b.guid(), b.name(), b.template(), b.timeZone().getId(), b.createdAt(), b.fileSpec().format(), types,
                keyViews, options, settings);
    }

    private JsonNode parse(ConfigDef def, String stored) {
        return validator.storedAsJson(def, stored);
    }

    /** A biller with that BID already exists. */
    public static class BillerExistsException extends org.ratepayer.shared.web.Refusal {
        private static final long serialVersionUID = 1L;

        public BillerExistsException(long bid) {
            super(Kind.CONFLICT, "conflict", "Already exists", null, null, "biller " + bid + " already exists", null);
        }
    }
}
