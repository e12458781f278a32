# escale — Italian messages.
# Every id here exists in every locale (a test checks it). Arguments are written { $like-this }.

## Names of this language and the command menu

lang-name = 🇮🇹 Italiano
cmd-start = Avvio: benvenuto e luoghi
cmd-spots = Luoghi vicino a te
cmd-progress = Il mio passaporto: luoghi e attività svolte
cmd-lang = Cambia lingua
cmd-help = Cosa fa questo bot
cmd-privacy = Cosa conserviamo e perché
cmd-mydata = Vedi tutto ciò che conservate su di me
cmd-forget = Cancella tutto ciò che mi riguarda

## Welcome and spots

welcome = Ti diamo il benvenuto a { $destination }! 👋
    In ognuno dei nostri luoghi ti aspettano alcune brevi attività digitali: condividere una foto, inviare una cartolina, trovare il nostro hashtag…
    Condividi la tua posizione e ti aprirò il luogo in cui ti trovi.
share-location = 📍 Condividi la posizione
spots-pick = Oppure scegli un luogo:
spots-nearest = Non sei ancora in uno dei nostri luoghi. Ecco i più vicini:
spot-unknown = Non conosco questo luogo (forse è stato spostato). Ecco i luoghi della destinazione:
spot-pick-task = Cosa ti va di fare qui?
partner-welcome = Ti diamo il benvenuto, e grazie a { $partner } che ti ha parlato di noi! Goditi { $destination }.
link-unknown = Non riconosco questo link, ma siamo felici di averti qui.
button-spots = 🗺 Luoghi
button-progress = 🎒 Il mio passaporto
button-stale = Questo pulsante appartiene a un messaggio precedente e non funziona più. Ecco i luoghi aggiornati:
button-stale-short = Questo pulsante è scaduto.
button-invalid = Questo pulsante non è più valido.

## Tasks: shared words

task-done = ✅ Fatto, grazie! { $left ->
        [one] Qui ti aspetta ancora un’attività.
       *[other] Qui ti aspettano ancora { $left } attività.
    }
task-done-short = ✅ Fatto!
spot-complete = 🎉 { $spot }: hai fatto tutto, complimenti! Altri luoghi ti aspettano.

photo-title = Condividi una foto
photo-done = ✅ Foto inviata
photo-intro = Mostraci { $spot } con i tuoi occhi: invia una foto del luogo.
photo-thanks = Bellissimo scatto, grazie! 📷
photo-waiting = Aspetto una foto: tocca 📎 e scegline una, oppure scattala adesso.
photo-unexpected = Bella foto! Per condividerla, apri prima un luogo e scegli «Condividi una foto».

review-title = Lascia una recensione
review-done = ✅ Recensione lasciata
review-intro = La tua opinione su { $spot }, qualunque sia, aiuta altri viaggiatori. Basta un minuto.
review-open = ⭐ Scrivi una recensione
review-unavailable = Non c’è ancora una pagina di recensioni per { $spot }. Grazie per averci pensato!

postcard-title = Invia una cartolina
postcard-done = ✅ Cartolina inviata
postcard-intro = Scrivi qualche parola per una persona cara e ne farò una cartolina da { $spot } (massimo { $max } caratteri).
postcard-text-please = Scrivi il testo della tua cartolina in un messaggio.
postcard-too-long = Sono { $length } caratteri: una cartolina ne contiene al massimo { $max }. Puoi accorciarlo un po’?
postcard-card = 💌 Tanti saluti da { $spot }, { $destination }!

    «{ $message }»

    { $hashtags }
postcard-share = 📤 Inviala a chi vuoi

hashtag-title = Usa il nostro hashtag
hashtag-done = ✅ Ho pubblicato
hashtag-intro = Pubblichi una foto di { $spot }? Aggiungi questi hashtag, così tutta la destinazione potrà vederla:
hashtag-copy = 📋 Copia gli hashtag

app-title = Scarica l’app turistica
app-done = ✅ Installata
app-intro = 📱 { $app }: tutto per il tuo soggiorno, sempre in tasca.
app-tips = Come sfruttarla al meglio:
app-ios = App Store
app-android = Google Play
app-web = Sito web

## Passport

progress-title = 🎒 Il tuo passaporto di { $destination }
    Luoghi visitati: { $visited } su { $total } · attività svolte: { $score }
progress-unvisited = Ancora da scoprire: { $spots }

## Language

lang-choose = Quale lingua preferisci?
lang-set = 🇮🇹 D’ora in poi ti parlerò in italiano.

## Help, privacy, your data

help = Sono la guida digitale di { $destination }. 🗺
    Scansiona il codice QR in un luogo, o condividi la tua posizione, e ti proporrò lì alcune brevi attività.

    /spots — luoghi vicino a te
    /progress — il tuo passaporto
    /lang — cambia lingua
    /privacy — cosa conserviamo
    /mydata — vedi i tuoi dati
    /forget — cancella i tuoi dati
privacy = 🔒 Cosa conserviamo, e perché
    • I luoghi che hai aperto e le attività che vi hai svolto: per mostrarti il tuo passaporto.
    • La lingua che hai scelto, se ne hai scelta una.
    • Il partner (un hotel, per esempio) di cui hai seguito il link per arrivare qui: perché i nostri partner sappiano che il servizio è utile.
    Non conserviamo il tuo nome, il tuo numero di telefono né la tua posizione: una posizione condivisa serve solo a trovare il luogo più vicino.
    /mydata mostra tutto ciò che conserviamo, /forget lo cancella.
mydata-caption = Ecco tutto ciò che conserviamo su di te.
mydata-empty = Al momento non conserviamo nulla su di te.
forget-confirm = Cancellare tutto ciò che conserviamo su di te (passaporto, lingua, partner)? L’operazione è irreversibile.
forget-yes = 🗑 Sì, cancella
forget-no = No, lascia tutto
forget-done = Fatto: tutto ciò che ti riguarda è stato cancellato. Arrivederci, e torna quando vuoi!
forget-cancelled = Non è stato cancellato nulla.

## Unexpected messages

text-unexpected = Con i pulsanti me la cavo meglio 🙂 Apri un luogo con /spots, o guarda /help.
unsupported-message = Non riesco a leggere questo tipo di messaggio. Usa i pulsanti, o guarda /help.
command-unknown = Non conosco questo comando. Guarda /help per scoprire cosa so fare.
group-private = Parliamone in privato: apri una chat con me per iniziare.
error-apology = Scusaci, qualcosa è andato storto da parte nostra. Riprova tra un attimo.
