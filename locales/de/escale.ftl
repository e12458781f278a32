# escale — German messages.
# Every id here exists in every locale (a test checks it). Arguments are written { $like-this }.

## Names of this language and the command menu

lang-name = 🇩🇪 Deutsch
cmd-start = Start: Willkommen und Orte
cmd-spots = Orte in Ihrer Nähe
cmd-progress = Mein Entdeckerpass: Orte und erledigte Aufgaben
cmd-lang = Sprache ändern
cmd-help = Was dieser Bot kann
cmd-privacy = Was wir speichern und warum
cmd-mydata = Alles ansehen, was über mich gespeichert ist
cmd-myphotos = Meine Fotos und Freigaben
cmd-stats = Tourist-Information: die Zahlen der Woche
cmd-export = Tourist-Information: alle Zahlen als CSV-Dateien
cmd-partner = Partner: was der Bot Ihnen bringt
cmd-redeem = Belohnungscode prüfen und einlösen
bot-description = Der digitale Reiseführer für { $destination }: An jedem Ort warten ein paar kurze Aufgaben (ein Foto, eine Postkarte, unser Hashtag …) und am Ende eine Belohnung. Scannen Sie den QR-Code eines Ortes oder teilen Sie Ihren Standort.
bot-short-description = { $destination } für die Tasche: Orte, kurze digitale Aufgaben, eine Belohnung.
cmd-forget = Alles über mich löschen

## Welcome and spots

welcome = Willkommen in { $destination }! 👋
    An jedem unserer Orte warten ein paar kurze digitale Aufgaben auf Sie: ein Foto teilen, eine Postkarte verschicken, unseren Hashtag finden …
    Teilen Sie Ihren Standort, und ich öffne den Ort, an dem Sie gerade sind.
share-location = 📍 Standort teilen
spots-pick = Oder wählen Sie einen Ort:
spots-nearest = Sie sind noch an keinem unserer Orte. Die nächstgelegenen:
spot-unknown = Diesen Ort kenne ich nicht (vielleicht wurde er verlegt). Hier sind alle unsere Orte:
spot-pick-task = Was möchten Sie hier tun?
partner-welcome = Willkommen, und vielen Dank an { $partner } für die Empfehlung! Genießen Sie Ihren Aufenthalt in { $destination }.
link-unknown = Diesen Link kenne ich nicht, aber Sie sind hier herzlich willkommen.
button-spots = 🗺 Orte
button-progress = 🎒 Mein Entdeckerpass
button-stale = Dieser Button gehört zu einer älteren Nachricht und funktioniert nicht mehr. Hier sind die aktuellen Orte:
button-stale-short = Dieser Button ist abgelaufen.
button-invalid = Dieser Button ist nicht mehr gültig.

## Tasks: shared words

task-done = ✅ Erledigt, danke! { $left ->
        [one] Eine weitere Aufgabe wartet hier auf Sie.
       *[other] { $left } weitere Aufgaben warten hier auf Sie.
    }
task-done-short = ✅ Erledigt!
spot-complete = 🎉 { $spot }: Sie haben alles erledigt. Bravo! Weitere Orte warten auf Sie.

photo-title = Foto teilen
photo-done = ✅ Foto gesendet
photo-intro = Zeigen Sie uns { $spot } mit Ihren Augen: Senden Sie ein Foto von diesem Ort.
photo-waiting = Ich warte auf ein Foto: Tippen Sie auf 📎 und wählen Sie eines aus – oder machen Sie gleich eines.
photo-unexpected = Schönes Foto! Um es zu teilen, öffnen Sie zuerst einen Ort und wählen Sie „Foto teilen“.
photo-heic = Das ist eine HEIC-Datei, die wir leider nicht öffnen können. Bitte senden Sie sie stattdessen als Foto (📎 → Galerie), nicht als Datei.
photo-video = Videos können hier leider nicht geteilt werden – bitte senden Sie ein Foto.
photo-wrong-file = Ich nehme nur Fotos oder JPEG- und PNG-Dateien an. Bitte senden Sie ein Foto.
photo-too-big = Diese Datei ist größer als 20 MB – zu groß für mich. Bitte senden Sie sie stattdessen als Foto.
photo-pending-limit = Sie haben bereits { $limit } Fotos, die noch von der Tourist-Information angesehen werden. Vielen Dank! Bitte warten Sie, bis sie geprüft sind, bevor Sie weitere senden.
photo-consent = 📷 Vielen Dank! Darf die Tourist-Information { $destination } Ihr Foto verwenden? Kreuzen Sie an, was Sie erlauben, und tippen Sie dann auf „Weiter“. Auch ein Nein ist völlig in Ordnung: Die Aufgabe zählt trotzdem.
photo-scope-social = Soziale Netzwerke
photo-scope-web = Website und Printmedien
photo-scope-partners = Unsere Partner
photo-scope-none = keine Verwendung (privat)
photo-consent-all = ✅ Alles erlauben
photo-consent-none = 🔒 Nichts erlauben
photo-consent-continue = Weiter ➡️
photo-credit = Welchen Namen sollen wir als Fotonachweis angeben, wenn wir das Foto verwenden?
photo-credit-as = Als „{ $name }“
photo-credit-type = ✏️ Anderer Name …
photo-credit-anonymous = Anonym
photo-credit-type-now = Geben Sie den Namen für den Fotonachweis ein (höchstens { $max } Zeichen).
photo-thanks = Vielen Dank! 📷 Die Tourist-Information sieht sich Ihr Foto an. Ihre Entscheidung können Sie jederzeit mit /myphotos ändern.
photo-kept-private = Notiert: Ihr Foto bleibt privat, wir geben es an niemanden weiter. Vielen Dank! 📷 Ihre Entscheidung können Sie jederzeit mit /myphotos ändern.
photo-withdrawn = Ihre Einwilligung ist widerrufen: Die Tourist-Information wurde informiert und verwendet dieses Foto nicht mehr.
photo-consent-updated = Ihre Auswahl ist gespeichert. Vielen Dank!
photo-stale = Diese Frage ist nicht mehr offen. Ihre Fotos finden Sie unter /myphotos.
photo-selected = 🎉 Tolle Neuigkeiten: Die Tourist-Information { $destination } hat Ihr Foto von { $spot } ausgewählt. Danke, dass Sie es mit uns geteilt haben!
photo-status-draft = wird geteilt
photo-status-private = privat
photo-status-pending = wartet auf die Tourist-Information
photo-status-approved = von der Tourist-Information ausgewählt
photo-status-rejected = nicht ausgewählt
photo-status-withdrawn = Einwilligung widerrufen
myphotos-empty = Sie haben noch kein Foto geteilt. Öffnen Sie einen Ort mit /spots und wählen Sie „Foto teilen“.
myphotos-title = { $count ->
        [one] Ihr Foto und was Sie erlaubt haben:
       *[other] Ihre { $count } Fotos und was Sie erlaubt haben:
    }
myphotos-caption = 📍 { $spot } · { $date }
    Erlaubt: { $scopes }
    Fotonachweis: { $credit }
    Status: { $status }
myphotos-change = ✏️ Ändern
myphotos-withdraw = 🚫 Einwilligung widerrufen

review-title = Bewertung abgeben
review-done = ✅ Bewertung abgegeben
review-intro = Ihre Meinung zu { $spot } hilft anderen Reisenden – ganz gleich, wie sie ausfällt. Es dauert nur eine Minute.
review-open = ⭐ Bewertung schreiben
review-unavailable = Für { $spot } gibt es noch keine Bewertungsseite. Danke, dass Sie daran gedacht haben!

postcard-title = Postkarte verschicken
postcard-done = ✅ Postkarte verschickt
postcard-pick-picture = 💌 Gestalten wir eine Postkarte für einen lieben Menschen! Welches Bild soll darauf zu sehen sein?
postcard-own-photo = 📷 Mein Foto ({ $date })
postcard-new-photo = 📸 Ein neues Foto
postcard-send-photo = Senden Sie das Foto für Ihre Karte: Tippen Sie auf 📎 und wählen Sie eines aus – oder machen Sie gleich eines.
postcard-photo-please = Ich warte auf das Foto für Ihre Karte.
postcard-write = Schreiben Sie jetzt ein paar Zeilen für Ihre Karte (höchstens { $max } Zeichen).
postcard-pick-first = Wählen Sie zuerst das Bild für Ihre Karte: Öffnen Sie dazu bei einem Ort die Aufgabe „Postkarte verschicken“.
postcard-text-please = Schreiben Sie den Text Ihrer Karte bitte als Textnachricht.
postcard-too-long = Das sind { $length } Zeichen – auf eine Postkarte passen höchstens { $max }. Können Sie den Text etwas kürzen?
postcard-nothing-drawable = Diese Zeichen kann ich leider nicht auf eine Karte schreiben. Können Sie Buchstaben und Ziffern verwenden?
postcard-some-dropped = Hinweis: Emojis und manche Zeichen lassen sich nicht auf die Karte drucken, deshalb wurden sie weggelassen.
postcard-hourly-limit = Sie haben in der letzten Stunde { $max } Postkarten gestaltet – mehr geht im Moment nicht. Versuchen Sie es etwas später noch einmal!
postcard-drawing = ✍️ Ich schreibe Ihre Karte …
postcard-caption = 💌 Ihre Postkarte aus { $destination }! Schicken Sie sie an Freunde: Der Code darauf öffnet unseren Reiseführer.
postcard-share = 📤 An Freunde schicken
postcard-unreadable = Dieses Bild kann ich nicht lesen. Können Sie ein anderes auswählen?
postcard-too-big = Dieses Bild ist zu groß für eine Karte. Können Sie ein anderes auswählen oder es als Foto senden?
postcard-not-sent = Ihre Karte konnte gerade nicht verschickt werden. Bitte versuchen Sie es gleich noch einmal.
postcard-a-friend = Ein lieber Mensch
postcard-friend-welcome = 👋 { $name } hat Ihnen diese Postkarte geschickt – aus { $spot }, { $destination }! Herzlich willkommen: Hier ist unser Reiseführer.
postcard-inline-caption = 💌 Eine Postkarte aus { $destination }
postcard-inline-open = 🗺 { $destination } entdecken

hashtag-title = Unseren Hashtag nutzen
hashtag-done = ✅ Ich habe es gepostet
hashtag-intro = Sie posten ein Foto von { $spot }? Fügen Sie diese Hashtags hinzu, damit es die ganze Region sehen kann:
hashtag-copy = 📋 Hashtags kopieren

app-title = Gäste-App installieren
app-done = ✅ Installiert
app-intro = 📱 { $app }: alles für Ihren Aufenthalt, immer in der Tasche.
app-tips = So holen Sie das Beste heraus:
app-ios = App Store
app-android = Google Play
app-web = Website

## The office's side (in the destination's default language)

office-approve = ✅ Freigeben
office-reject = ❌ Ablehnen
office-photo-caption = 📷 Foto { $id } · { $spot }
    Erlaubt: { $scopes }
    Fotonachweis: { $credit }
    Geteilt am { $date } · Partner: { $partner }
    Status: { $status }
office-photo-withdrawn = 🚫 Foto { $id }: Die Person, die es geteilt hat, hat ihre Einwilligung widerrufen. Bitte verwenden Sie es nicht mehr und entfernen Sie es überall, wo es erscheint.
office-photo-consent-changed = ✏️ Foto { $id }: Die Person, die es geteilt hat, hat ihre Freigaben geändert. Jetzt: { $scopes }.
office-photo-gone = Dieses Foto wurde von der Person, die es geteilt hat, gelöscht: Es gibt nichts mehr zu entscheiden.
office-already = Bereits entschieden: { $status }.
office-approved-by = ✅ Freigegeben von { $name } am { $date }
office-rejected-by = ❌ Abgelehnt von { $name } am { $date }
office-only-admins = Nur das Team der Tourist-Information kann über Fotos entscheiden.
office-moderation-unreachable = ⚠️ Ein Gast hat ein Foto mit Einwilligung geteilt, aber ich konnte es nicht zur Moderation weiterleiten ({ $problem }). Bitte fügen Sie mich dem Moderations-Chat hinzu und erlauben Sie mir, dort zu posten.

## Passport

progress-title = 🎒 Ihr Entdeckerpass für { $destination }
    Besuchte Orte: { $visited } von { $total } · erledigte Aufgaben: { $score }
progress-unvisited = Noch zu entdecken: { $spots }

## Rewards

reward-earned = 🎁 Gut gemacht: { $tasks ->
        [one] eine Aufgabe erledigt!
       *[other] { $tasks } Aufgaben erledigt!
    } Ihre Belohnung: { $reward }.
    Zeigen Sie diesen Code vor: { $code }
progress-reward = 🎁 Ihre Belohnung: { $reward }. Code: { $code }
progress-reward-used = 🎁 Belohnung erhalten am { $date }. Vielen Dank!
redeem-usage = Geben Sie den Code nach dem Befehl ein, zum Beispiel: /redeem K7Q2-9XMA
redeem-unknown = ❌ „{ $code }“ ist kein gültiger Code.
redeem-already = ❌ Dieser Code wurde bereits am { $date } eingelöst.
redeem-ok = ✅ Gültiger Code (erhalten am { $date }). Er ist jetzt als eingelöst markiert.

## Statistics (office and partners)

stats-title = 📊 { $name }: die letzten 7 Tage (in Klammern die 7 Tage davor)
stats-line = { $label }: { $value }
stats-spot-opened = Erstbesuche an Orten
stats-tasks = Erledigte Aufgaben
stats-photo-shared = Geteilte Fotos
stats-photo-consented = Fotos mit Einwilligung
stats-photo-approved = Freigegebene Fotos
stats-postcard-sent = Verschickte Postkarten
stats-friend-arrived = Freunde, die über eine Postkarte kamen
stats-app = Installationen der Gäste-App (laut Angabe)
stats-review = Bewertungen (laut Angabe)
stats-reward-earned = Erhaltene Belohnungen
stats-reward-redeemed = Eingelöste Belohnungen
stats-top-spots = Beliebteste Orte
stats-partners = Von Partnern vermittelte Gäste
stats-period = Vom { $from } bis zum { $to } (Tage in UTC).
export-caption = Alle Zahlen pro Tag: zum Öffnen mit einer Tabellenkalkulation.
chart-title = Erledigte Aufgaben pro Tag — { $name }
chart-subtitle = Die letzten { $days } Tage: { $total ->
    [one] { $total } erledigte Aufgabe
   *[other] { $total } erledigte Aufgaben
}
chart-empty = Noch keine Aufgaben erledigt: Hier erscheinen bald die Balken.
chart-day = { $day }.{ $month }.
chart-caption = 📈 Erledigte Aufgaben pro Tag in den letzten { $days } Tagen, nach Aufgabe aufgeschlüsselt.
photo-short = Foto
review-short = Bewertung
postcard-short = Postkarte
hashtag-short = Hashtag
app-short = Gäste-App

## Language

lang-choose = Welche Sprache möchten Sie?
lang-set = 🇩🇪 Ab jetzt spreche ich Deutsch mit Ihnen.

## Help, privacy, your data

help = Ich bin der digitale Reiseführer für { $destination }. 🗺
    Scannen Sie den QR-Code an einem Ort oder teilen Sie Ihren Standort, und ich schlage Ihnen dort ein paar kurze Aufgaben vor.

    /spots — Orte in Ihrer Nähe
    /progress — Ihr Entdeckerpass
    /lang — Sprache ändern
    /privacy — was wir speichern
    /myphotos — Ihre Fotos und Freigaben
    /mydata — Ihre Daten ansehen
    /forget — Ihre Daten löschen
privacy = 🔒 Was wir speichern und warum
    • Die Orte, die Sie geöffnet haben, und die Aufgaben, die Sie dort erledigt haben: um Ihren Entdeckerpass anzuzeigen.
    • Die Sprache, die Sie gewählt haben, falls Sie eine gewählt haben.
    • Den Partner (zum Beispiel ein Hotel), über dessen Link Sie hierhergekommen sind: damit unsere Partner wissen, dass der Service nützlich ist.
    • Die Fotos, die Sie teilen: Telegrams Verweis auf die Datei, der Ort, die von Ihnen erlaubten Verwendungen, der von Ihnen gewählte Fotonachweis und die Entscheidung der Tourist-Information. Sie können Ihre Einwilligung jederzeit mit /myphotos ändern oder widerrufen.
    • Die Postkarten, die Sie gestalten: ihr Code, der Ort und Ihr Vorname, damit Ihre Freunde wissen, von wem die Karte kommt.
    • Ihre Belohnung und ihr Code, falls Sie eine erhalten.
    Wir speichern weder Ihre Telefonnummer noch Ihren Standort (ein geteilter Standort dient nur dazu, den nächstgelegenen Ort zu finden) und außer den oben genannten keine Namen.
    /mydata zeigt alles, was wir speichern, /forget löscht es.
mydata-caption = Hier ist alles, was wir über Sie gespeichert haben.
mydata-empty = Im Moment haben wir nichts über Sie gespeichert.
forget-confirm = Alles löschen, was wir über Sie gespeichert haben (Entdeckerpass, Sprache, Partner, Fotos)? Das lässt sich nicht rückgängig machen.
forget-yes = 🗑 Ja, löschen
forget-no = Nein, behalten
forget-done = Erledigt: Alles über Sie ist gelöscht. Auf Wiedersehen, und kommen Sie gern jederzeit wieder!
forget-cancelled = Es wurde nichts gelöscht.
forget-expired = Diese Frage ist abgelaufen: Geben Sie erneut /forget ein, um Ihre Daten zu löschen.

## Unexpected messages

text-unexpected = Mit Buttons komme ich besser zurecht 🙂 Öffnen Sie einen Ort mit /spots oder schauen Sie unter /help nach.
unsupported-message = Diese Art von Nachricht kann ich nicht lesen. Nutzen Sie die Buttons oder schauen Sie unter /help nach.
command-unknown = Diesen Befehl kenne ich nicht. Unter /help sehen Sie, was ich kann.
group-leave = Ich arbeite nur in privaten Chats und verlasse deshalb diese Gruppe. Öffnen Sie einen Chat mit mir, um zu beginnen: { $link }
flood-slow-down = Eins nach dem anderen, bitte: Ich beantworte noch Ihre vorherigen Nachrichten. Versuchen Sie es in ein paar Sekunden noch einmal.
error-apology = Entschuldigung, bei uns ist etwas schiefgelaufen. Bitte versuchen Sie es gleich noch einmal.

## Posters (escale posters): printed for each spot and partner, in the default language and in English

poster-spot-cta = { $tasks ->
        [one] Scannen Sie mich: { $tasks } Minute, { $tasks } digitales Souvenir aus { $destination }
       *[other] Scannen Sie mich: { $tasks } Minuten, { $tasks } digitale Souvenirs aus { $destination }
    }
poster-partner-cta = Scannen Sie mich: { $destination } für die Hosentasche – während Ihres ganzen Aufenthalts
