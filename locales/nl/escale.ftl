# escale — Dutch messages.
# Every id here exists in every locale (a test checks it). Arguments are written { $like-this }.

## Names of this language and the command menu

lang-name = 🇳🇱 Nederlands
cmd-start = Start: welkom en plekken
cmd-spots = Plekken bij jou in de buurt
cmd-progress = Mijn paspoort: plekken en voltooide opdrachten
cmd-lang = Taal wijzigen
cmd-help = Wat deze bot doet
cmd-privacy = Wat we bewaren en waarom
cmd-mydata = Alles bekijken wat over mij bewaard wordt
cmd-myphotos = Mijn foto’s en toestemmingen
cmd-stats = Toeristenbureau: de cijfers van de week
cmd-export = Toeristenbureau: alle tellingen als CSV-bestanden
cmd-partner = Partner: wat de bot je oplevert
cmd-redeem = Beloningscode controleren en inwisselen
bot-description = De digitale gids van { $destination }: op elke plek een paar korte opdrachten (een foto, een ansichtkaart, onze hashtag…) en aan het eind een beloning. Scan de QR-code van een plek of deel je locatie.
bot-short-description = { $destination } op zak: plekken, korte digitale opdrachten, een beloning.
cmd-forget = Alles over mij wissen

## Welcome and spots

welcome = Welkom in { $destination }! 👋
    Op elk van onze plekken wachten een paar korte digitale opdrachten op je: een foto delen, een ansichtkaart sturen, onze hashtag vinden…
    Deel je locatie en ik open de plek waar je nu bent.
share-location = 📍 Deel mijn locatie
spots-pick = Of kies een plek:
spots-nearest = Je bent nog niet bij een van onze plekken. De dichtstbijzijnde:
spot-unknown = Deze plek ken ik niet (misschien is hij verplaatst). Dit zijn de plekken van onze bestemming:
spot-pick-task = Wat wil je hier doen?
partner-welcome = Welkom, en dank aan { $partner } voor de tip! Veel plezier in { $destination }.
link-unknown = Deze link herken ik niet, maar je bent hier van harte welkom.
button-spots = 🗺 Plekken
button-progress = 🎒 Mijn paspoort
button-stale = Deze knop hoort bij een ouder bericht en werkt niet meer. Dit zijn de plekken zoals ze nu zijn:
button-stale-short = Deze knop is verlopen.
button-invalid = Deze knop is niet meer geldig.

## Tasks: shared words

task-done = ✅ Gelukt, bedankt! { $left ->
        [one] Er wacht hier nog één opdracht op je.
       *[other] Er wachten hier nog { $left } opdrachten op je.
    }
task-done-short = ✅ Gelukt!
spot-complete = 🎉 Je hebt bij { $spot } alles gedaan. Goed bezig! Er wachten nog meer plekken op je.

photo-title = Een foto delen
photo-done = ✅ Foto verstuurd
photo-intro = Laat ons { $spot } door jouw ogen zien: stuur een foto van deze plek.
photo-waiting = Ik wacht op een foto: tik op 📎 en kies er een, of maak er nu een.
photo-unexpected = Mooie foto! Wil je hem delen? Open dan eerst een plek en kies “Een foto delen”.
photo-heic = Dit is een HEIC-bestand, en dat kunnen we niet openen. Stuur het liever als foto (📎 → Galerij), niet als bestand.
photo-video = Video’s kun je hier helaas niet delen: stuur een foto.
photo-wrong-file = Ik kan alleen foto’s aannemen, of JPEG- en PNG-bestanden. Stuur je een foto?
photo-too-big = Dit bestand is groter dan 20 MB, te groot voor mij. Stuur het liever als foto.
photo-pending-limit = Je hebt al { $limit } foto’s die wachten tot het toeristenbureau ze bekijkt. Bedankt! Wacht even tot ze beoordeeld zijn voordat je er meer stuurt.
photo-consent = 📷 Bedankt! Mag het toeristenbureau van { $destination } je foto gebruiken? Vink aan wat je toestaat en tik dan op “Verder”. Nee zeggen is helemaal oké: de opdracht telt toch mee.
photo-scope-social = Sociale media
photo-scope-web = Website en drukwerk
photo-scope-partners = Onze partners
photo-scope-none = geen gebruik (privé)
photo-consent-all = ✅ Alles toestaan
photo-consent-none = 🔒 Niets toestaan
photo-consent-continue = Verder ➡️
photo-credit = Welke naam mogen we bij de foto vermelden als we hem gebruiken?
photo-credit-as = Als “{ $name }”
photo-credit-type = ✏️ Andere naam…
photo-credit-anonymous = Anoniem
photo-credit-type-now = Typ de naam die we bij de foto vermelden (maximaal { $max } tekens).
photo-thanks = Bedankt! 📷 Het toeristenbureau gaat je foto bekijken. Van gedachten veranderd? Met /myphotos pas je je keuze altijd aan.
photo-kept-private = Genoteerd: je foto blijft privé, we delen hem met niemand. Bedankt! 📷 Van gedachten veranderd? Met /myphotos pas je je keuze altijd aan.
photo-withdrawn = Je toestemming is ingetrokken: het toeristenbureau is op de hoogte en gebruikt deze foto niet meer.
photo-consent-updated = Je keuze is opgeslagen. Bedankt!
photo-stale = Deze vraag is niet meer open. Bekijk je foto’s met /myphotos.
photo-selected = 🎉 Goed nieuws: het toeristenbureau van { $destination } heeft je foto van { $spot } uitgekozen. Bedankt voor het delen!
photo-status-draft = wordt gedeeld
photo-status-private = privé
photo-status-pending = wacht op het toeristenbureau
photo-status-approved = uitgekozen door het toeristenbureau
photo-status-rejected = niet uitgekozen
photo-status-withdrawn = toestemming ingetrokken
myphotos-empty = Je hebt nog geen foto gedeeld. Open een plek met /spots en kies “Een foto delen”.
myphotos-title = { $count ->
        [one] Je foto, en wat je hebt toegestaan:
       *[other] Je { $count } foto’s, en wat je hebt toegestaan:
    }
myphotos-caption = 📍 { $spot } · { $date }
    Toegestaan: { $scopes }
    Naamsvermelding: { $credit }
    Status: { $status }
myphotos-change = ✏️ Wijzigen
myphotos-withdraw = 🚫 Toestemming intrekken

review-title = Een review achterlaten
review-done = ✅ Review geplaatst
review-intro = Jouw mening over { $spot } helpt andere reizigers, hoe die ook uitvalt. Het kost maar een minuutje.
review-open = ⭐ Schrijf een review
review-unavailable = Er is nog geen reviewpagina voor { $spot }. Bedankt dat je eraan dacht!

postcard-title = Een ansichtkaart sturen
postcard-done = ✅ Kaart verstuurd
postcard-pick-picture = 💌 Laten we een ansichtkaart maken voor een dierbare! Welke afbeelding moet erop?
postcard-own-photo = 📷 Mijn foto ({ $date })
postcard-new-photo = 📸 Een nieuwe foto
postcard-send-photo = Stuur de foto voor je kaart: tik op 📎 en kies er een, of maak er nu een.
postcard-photo-please = Ik wacht op de foto voor je kaart.
postcard-write = Schrijf nu een paar woorden op je kaart (maximaal { $max } tekens).
postcard-pick-first = Kies eerst de afbeelding voor je kaart: open bij een plek de opdracht “Een ansichtkaart sturen”.
postcard-text-please = Stuur de tekst voor je kaart als gewoon tekstbericht.
postcard-too-long = Dat zijn { $length } tekens: op een ansichtkaart passen er maximaal { $max }. Kun je het wat korter maken?
postcard-nothing-drawable = Deze tekens kan ik niet op een kaart schrijven. Kun je letters en cijfers gebruiken?
postcard-some-dropped = Let op: emoji en sommige tekens kunnen niet op de kaart worden gedrukt, dus die zijn weggelaten.
postcard-hourly-limit = Je hebt het afgelopen uur { $max } ansichtkaarten gemaakt: meer kan nu even niet. Probeer het wat later nog eens!
postcard-drawing = ✍️ Ik schrijf je kaart…
postcard-caption = 💌 Je ansichtkaart uit { $destination }! Stuur hem naar een dierbare: de code erop opent onze gids.
postcard-share = 📤 Naar een vriend sturen
postcard-unreadable = Ik kan deze afbeelding niet lezen. Kies je een andere?
postcard-too-big = Deze afbeelding is te groot voor een kaart. Kies je een andere, of stuur je deze als foto?
postcard-not-sent = Je kaart kon nu niet worden verstuurd. Probeer het zo nog eens.
postcard-a-friend = Een dierbare
postcard-friend-welcome = 👋 { $name } stuurt je deze ansichtkaart uit { $spot }, { $destination }! Welkom: hier is onze gids voor de bestemming.
postcard-inline-caption = 💌 Een ansichtkaart uit { $destination }
postcard-inline-open = 🗺 Ontdek { $destination }

hashtag-title = Onze hashtag gebruiken
hashtag-done = ✅ Ik heb gepost
hashtag-intro = Post je een foto van { $spot }? Voeg deze hashtags toe, zodat de hele bestemming hem kan zien:
hashtag-copy = 📋 Hashtags kopiëren

app-title = Vakantie-app installeren
app-done = ✅ Geïnstalleerd
app-intro = 📱 { $app }: alles voor je verblijf, gewoon in je broekzak.
app-tips = Zo haal je er het meeste uit:
app-ios = App Store
app-android = Google Play
app-web = Website

## The office's side (in the destination's default language)

office-approve = ✅ Goedkeuren
office-reject = ❌ Afwijzen
office-photo-caption = 📷 Foto { $id } · { $spot }
    Toegestaan: { $scopes }
    Naamsvermelding: { $credit }
    Gedeeld op { $date } · partner: { $partner }
    Status: { $status }
office-photo-withdrawn = 🚫 Foto { $id }: de maker heeft de toestemming ingetrokken. Gebruik de foto niet meer en haal hem overal weg waar hij staat.
office-photo-consent-changed = ✏️ Foto { $id }: de maker heeft gewijzigd wat is toegestaan. Nu: { $scopes }.
office-photo-gone = Deze foto is door de maker gewist: er valt niets meer te beslissen.
office-already = Al beslist: { $status }.
office-approved-by = ✅ Goedgekeurd door { $name } op { $date }
office-rejected-by = ❌ Afgewezen door { $name } op { $date }
office-only-admins = Alleen medewerkers van het toeristenbureau kunnen over foto’s beslissen.
office-moderation-unreachable = ⚠️ Een toerist heeft een foto met toestemming gedeeld, maar ik kon hem niet ter moderatie doorsturen ({ $problem }). Voeg me toe aan de moderatiechat en geef me daar toestemming om berichten te plaatsen.

## Passport

progress-title = 🎒 Jouw paspoort voor { $destination }
    Bezochte plekken: { $visited } van { $total } · voltooide opdrachten: { $score }
progress-unvisited = Nog te ontdekken: { $spots }

## Rewards

reward-earned = 🎁 Goed gedaan: { $tasks ->
        [one] één opdracht voltooid!
       *[other] { $tasks } opdrachten voltooid!
    } Je beloning: { $reward }.
    Laat deze code zien: { $code }
progress-reward = 🎁 Je beloning: { $reward }. Code: { $code }
progress-reward-used = 🎁 Beloning ontvangen op { $date }. Bedankt!
redeem-usage = Typ de code achter het commando, bijvoorbeeld: /redeem K7Q2-9XMA
redeem-unknown = ❌ “{ $code }” is geen geldige code.
redeem-already = ❌ Deze code is al gebruikt op { $date }.
redeem-ok = ✅ Geldige code (verdiend op { $date }). Hij staat nu als gebruikt geregistreerd.

## Statistics (office and partners)

stats-title = 📊 { $name }: de afgelopen 7 dagen (tussen haakjes de 7 dagen daarvoor)
stats-line = { $label }: { $value }
stats-spot-opened = Eerste bezoeken aan plekken
stats-tasks = Voltooide opdrachten
stats-photo-shared = Gedeelde foto’s
stats-photo-consented = Foto’s met toestemming
stats-photo-approved = Goedgekeurde foto’s
stats-postcard-sent = Verstuurde ansichtkaarten
stats-friend-arrived = Vrienden die via een ansichtkaart kwamen
stats-app = Installaties van de vakantie-app (zelf gemeld)
stats-review = Reviews (zelf gemeld)
stats-reward-earned = Verdiende beloningen
stats-reward-redeemed = Uitgereikte beloningen
stats-top-spots = Populairste plekken
stats-partners = Toeristen via partners
stats-period = Van { $from } tot en met { $to } (UTC-dagen).
export-caption = Alle tellingen per dag: te openen in een spreadsheet.
chart-title = Voltooide opdrachten per dag — { $name }
chart-subtitle = De afgelopen { $days } dagen: { $total ->
    [one] { $total } voltooide opdracht
   *[other] { $total } voltooide opdrachten
}
chart-empty = Nog geen opdrachten voltooid: hier verschijnen straks de staven.
chart-day = { $day }-{ $month }
chart-caption = 📈 Voltooide opdrachten per dag over de afgelopen { $days } dagen, per opdracht.
photo-short = Foto
review-short = Review
postcard-short = Ansichtkaart
hashtag-short = Hashtag
app-short = Vakantie-app

## Language

lang-choose = Welke taal wil je?
lang-set = 🇳🇱 Vanaf nu spreek ik Nederlands met je.

## Help, privacy, your data

help = Ik ben de digitale gids van { $destination }. 🗺
    Scan de QR-code bij een plek, of deel je locatie, en ik stel je daar een paar korte opdrachten voor.

    /spots — plekken bij jou in de buurt
    /progress — je paspoort
    /lang — taal wijzigen
    /privacy — wat we bewaren
    /myphotos — je foto’s en wat je hebt toegestaan
    /mydata — je gegevens bekijken
    /forget — je gegevens wissen
privacy = 🔒 Wat we bewaren, en waarom
    • De plekken die je hebt geopend en de opdrachten die je daar hebt gedaan: om je paspoort te tonen.
    • De taal die je hebt gekozen, als je er een hebt gekozen.
    • De partner (bijvoorbeeld een hotel) via wiens link je hier bent gekomen: zodat onze partners weten dat de dienst nuttig is.
    • De foto’s die je deelt: de verwijzing van Telegram naar het bestand, de plek, het gebruik dat je hebt toegestaan, de naamsvermelding die je hebt gekozen en de beslissing van het toeristenbureau. Je kunt je toestemming altijd wijzigen of intrekken met /myphotos.
    • De ansichtkaarten die je maakt: hun code, de plek en je voornaam, zodat je dierbare weet van wie de kaart komt.
    • Je beloning en de code ervan, als je er een verdient.
    Je telefoonnummer en je locatie bewaren we niet (een gedeelde locatie wordt alleen gebruikt om de dichtstbijzijnde plek te vinden), en ook geen andere namen dan die hierboven.
    /mydata toont alles wat we bewaren, /forget wist het.
mydata-caption = Dit is alles wat we over je bewaren.
mydata-empty = We bewaren op dit moment niets over je.
forget-confirm = Alles wissen wat we over je bewaren (paspoort, taal, partner, foto’s)? Dit kan niet ongedaan worden gemaakt.
forget-yes = 🗑 Ja, wissen
forget-no = Nee, bewaren
forget-done = Klaar: alles over jou is gewist. Tot ziens, en kom gerust terug wanneer je maar wilt!
forget-cancelled = Er is niets gewist.
forget-expired = Deze vraag is verlopen: typ opnieuw /forget om je gegevens te wissen.

## Unexpected messages

text-unexpected = Met knoppen gaat het me beter af 🙂 Open een plek met /spots, of kijk bij /help.
unsupported-message = Dit soort bericht kan ik niet lezen. Gebruik de knoppen, of kijk bij /help.
command-unknown = Dit commando ken ik niet. Kijk bij /help wat ik allemaal kan.
group-leave = Ik werk alleen in privéchats, dus ik verlaat deze groep. Open een chat met mij om te beginnen: { $link }
flood-slow-down = Eén ding tegelijk, graag: ik ben nog bezig met je vorige berichten. Probeer het over een paar seconden opnieuw.
error-apology = Sorry, er ging bij ons iets mis. Probeer het zo nog eens.

## Posters (escale posters): printed for each spot and partner, in the default language and in English

poster-spot-cta = { $tasks ->
        [one] Scan mij: { $tasks } minuut, { $tasks } digitaal souvenir van { $destination }
       *[other] Scan mij: { $tasks } minuten, { $tasks } digitale souvenirs van { $destination }
    }
poster-partner-cta = Scan mij: { $destination } op zak tijdens je hele verblijf
