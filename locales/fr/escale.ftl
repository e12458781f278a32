# escale — French messages.
# Every id here exists in every locale (a test checks it). Arguments are written { $like-this }.

## Names of this language and the command menu

lang-name = 🇫🇷 Français
cmd-start = Démarrer : accueil et lieux
cmd-spots = Les lieux près de vous
cmd-progress = Mon passeport : lieux et missions accomplies
cmd-lang = Changer de langue
cmd-help = À quoi sert ce bot
cmd-privacy = Ce que nous conservons et pourquoi
cmd-mydata = Voir tout ce qui est conservé sur moi
cmd-myphotos = Mes photos et mes autorisations
cmd-stats = Office de tourisme : les chiffres de la semaine
cmd-export = Office de tourisme : tous les chiffres en fichiers CSV
cmd-partner = Partenaire : ce que le bot vous apporte
cmd-redeem = Vérifier et utiliser un code de récompense
bot-description = Le guide numérique de { $destination } : dans chaque lieu, quelques petites missions (une photo, une carte postale, notre hashtag…) et une récompense à la clé. Scannez le QR code d’un lieu ou partagez votre position.
bot-short-description = { $destination } dans votre poche : lieux, petites missions numériques, une récompense.
cmd-forget = Effacer tout ce qui me concerne

## Welcome and spots

welcome = { $destination } vous souhaite la bienvenue ! 👋
    Dans chacun de nos lieux, quelques petites missions numériques vous attendent : partager une photo, envoyer une carte postale, trouver notre hashtag…
    Partagez votre position et j’ouvrirai le lieu où vous vous trouvez.
share-location = 📍 Partager ma position
spots-pick = Ou choisissez un lieu :
spots-nearest = Vous n’êtes pas encore sur l’un de nos lieux. Les plus proches :
spot-unknown = Je ne connais pas ce lieu (il a peut-être été déplacé). Voici les lieux de la destination :
spot-pick-task = Qu’aimeriez-vous faire ici ?
partner-welcome = Bienvenue ! Un grand merci à { $partner } de nous avoir fait connaître. Profitez bien de { $destination }.
link-unknown = Je ne reconnais pas ce lien, mais nous sommes ravis de vous accueillir.
button-spots = 🗺 Lieux
button-progress = 🎒 Mon passeport
button-stale = Ce bouton appartient à un ancien message et ne fonctionne plus. Voici les lieux à jour :
button-stale-short = Ce bouton a expiré.
button-invalid = Ce bouton n’est plus valide.

## Tasks: shared words

task-done = ✅ C’est fait, merci ! { $left ->
        [one] Encore une mission vous attend ici.
       *[other] Encore { $left } missions vous attendent ici.
    }
task-done-short = ✅ C’est fait !
spot-complete = 🎉 { $spot }, c’est terminé : vous avez tout fait. Bravo ! D’autres lieux vous attendent.

photo-title = Partager une photo
photo-done = ✅ Photo envoyée
photo-intro = Montrez-nous { $spot } à travers votre regard : envoyez une photo du lieu.
photo-waiting = J’attends une photo : appuyez sur 📎 et choisissez-en une, ou prenez-la maintenant.
photo-unexpected = Jolie photo ! Pour la partager, ouvrez d’abord un lieu et choisissez « Partager une photo ».
photo-heic = Ce fichier est au format HEIC, que nous ne savons pas ouvrir. Envoyez-le plutôt comme photo (📎 → Galerie), et non comme fichier.
photo-video = Désolés, les vidéos ne peuvent pas être partagées ici : envoyez plutôt une photo.
photo-wrong-file = Je n’accepte que les photos, ou les fichiers JPEG et PNG. Merci d’envoyer une photo.
photo-too-big = Ce fichier dépasse 20 Mo : c’est trop lourd pour moi. Envoyez-le plutôt comme photo.
photo-pending-limit = Vous avez déjà { $limit } photos qui attendent d’être vues par l’office de tourisme. Merci beaucoup ! Patientez le temps qu’elles soient examinées avant d’en envoyer d’autres.
photo-consent = 📷 Merci ! L’office de tourisme de { $destination } peut-il utiliser votre photo ? Cochez ce que vous autorisez, puis touchez « Continuer ». Vous pouvez tout à fait refuser : la mission compte quand même.
photo-scope-social = Réseaux sociaux
photo-scope-web = Site web et imprimés
photo-scope-partners = Nos partenaires
photo-scope-none = aucune utilisation (privée)
photo-consent-all = ✅ Tout autoriser
photo-consent-none = 🔒 Ne rien autoriser
photo-consent-continue = Continuer ➡️
photo-credit = Quel nom devons-nous indiquer en crédit photo lorsque nous l’utiliserons ?
photo-credit-as = Sous le nom « { $name } »
photo-credit-type = ✏️ Un autre nom…
photo-credit-anonymous = Anonyme
photo-credit-type-now = Écrivez le nom à indiquer en crédit ({ $max } caractères maximum).
photo-thanks = Merci ! 📷 L’office de tourisme va regarder votre photo. Vous pouvez changer d’avis à tout moment avec /myphotos.
photo-kept-private = C’est noté : votre photo reste privée, nous ne la partageons avec personne. Merci ! 📷 Vous pouvez changer d’avis à tout moment avec /myphotos.
photo-withdrawn = Votre consentement est retiré : l’office de tourisme a été prévenu et n’utilisera plus cette photo.
photo-consent-updated = Votre choix est enregistré. Merci !
photo-stale = Cette question n’est plus d’actualité. Retrouvez vos photos avec /myphotos.
photo-selected = 🎉 Bonne nouvelle : votre photo de { $spot } a été sélectionnée par l’office de tourisme de { $destination }. Merci de l’avoir partagée !
photo-status-draft = en cours de partage
photo-status-private = privée
photo-status-pending = en attente de l’office de tourisme
photo-status-approved = sélectionnée par l’office de tourisme
photo-status-rejected = non retenue
photo-status-withdrawn = consentement retiré
myphotos-empty = Vous n’avez encore partagé aucune photo. Ouvrez un lieu avec /spots et choisissez « Partager une photo ».
myphotos-title = { $count ->
        [one] Votre photo, et ce que vous avez autorisé :
       *[other] Vos { $count } photos, et ce que vous avez autorisé :
    }
myphotos-caption = 📍 { $spot } · { $date }
    Utilisations autorisées : { $scopes }
    Crédit : { $credit }
    Statut : { $status }
myphotos-change = ✏️ Modifier
myphotos-withdraw = 🚫 Retirer mon accord

review-title = Laisser un avis
review-done = ✅ J’ai laissé un avis
review-intro = Quel qu’il soit, votre avis sur { $spot } aide les autres voyageurs. Cela ne prend qu’une minute.
review-open = ⭐ Écrire un avis
review-unavailable = Il n’y a pas encore de page d’avis pour { $spot }. Merci d’y avoir pensé !

postcard-title = Envoyer une carte postale
postcard-done = ✅ Carte envoyée
postcard-pick-picture = 💌 Préparons une carte postale pour un proche ! Quelle image voulez-vous y mettre ?
postcard-own-photo = 📷 Ma photo ({ $date })
postcard-new-photo = 📸 Une nouvelle photo
postcard-send-photo = Envoyez la photo de votre carte : appuyez sur 📎 et choisissez-en une, ou prenez-la maintenant.
postcard-photo-please = J’attends la photo de votre carte.
postcard-write = Écrivez maintenant quelques mots pour votre proche ({ $max } caractères maximum).
postcard-pick-first = Choisissez d’abord l’image de votre carte : dans un lieu, ouvrez la mission « Envoyer une carte postale ».
postcard-text-please = Écrivez le texte de votre carte dans un message.
postcard-too-long = Votre texte fait { $length } caractères, mais une carte postale en contient { $max } au maximum. Pourriez-vous le raccourcir ?
postcard-nothing-drawable = Je ne peux pas écrire ces caractères sur une carte. Pourriez-vous utiliser des lettres et des chiffres ?
postcard-some-dropped = À noter : les emoji et certains caractères ne peuvent pas être imprimés sur la carte, ils ont donc été retirés.
postcard-hourly-limit = Vous avez créé { $max } cartes postales en une heure : c’est le maximum pour le moment. Réessayez un peu plus tard !
postcard-drawing = ✍️ J’écris votre carte…
postcard-caption = 💌 Votre carte postale de { $destination } ! Envoyez-la à un proche : son code ouvre notre guide.
postcard-share = 📤 L’envoyer à un proche
postcard-unreadable = Je n’arrive pas à lire cette image. Pourriez-vous en choisir une autre ?
postcard-too-big = Cette image est trop grande pour une carte. Pourriez-vous en choisir une autre, ou l’envoyer comme photo ?
postcard-not-sent = Votre carte n’a pas pu être envoyée. Merci de réessayer dans un instant.
postcard-a-friend = Un proche
postcard-friend-welcome = 👋 { $name } vous a envoyé cette carte postale de { $spot }, { $destination } ! Bienvenue : voici notre guide de la destination.
postcard-inline-caption = 💌 Une carte postale de { $destination }
postcard-inline-open = 🗺 Découvrir { $destination }

hashtag-title = Utiliser notre hashtag
hashtag-done = ✅ Je l’ai publié
hashtag-intro = Vous publiez une photo de { $spot } ? Ajoutez ces hashtags pour que toute la destination puisse la voir :
hashtag-copy = 📋 Copier les hashtags

app-title = Installer l’appli séjour
app-done = ✅ Installée
app-intro = 📱 { $app } : tout pour votre séjour, dans votre poche.
app-tips = Pour en profiter au mieux :
app-ios = App Store
app-android = Google Play
app-web = Site web

## The office's side (in the destination's default language)

office-approve = ✅ Valider
office-reject = ❌ Refuser
office-photo-caption = 📷 Photo { $id } · { $spot }
    Utilisations autorisées : { $scopes }
    Crédit : { $credit }
    Partagée le { $date } · partenaire : { $partner }
    Statut : { $status }
office-photo-withdrawn = 🚫 Photo { $id } : son auteur a retiré son consentement. Merci de ne plus l’utiliser et de la retirer partout où elle est publiée.
office-photo-consent-changed = ✏️ Photo { $id } : son auteur a modifié ses autorisations. Désormais : { $scopes }.
office-photo-gone = Cette photo a été effacée par son auteur : il n’y a plus rien à décider.
office-already = Déjà traitée : { $status }.
office-approved-by = ✅ Validée par { $name } le { $date }
office-rejected-by = ❌ Refusée par { $name } le { $date }
office-only-admins = Seule l’équipe de l’office de tourisme peut valider ou refuser les photos.
office-moderation-unreachable = ⚠️ Un visiteur a partagé une photo avec son consentement, mais je n’ai pas pu l’envoyer en modération ({ $problem }). Merci de m’ajouter à la discussion de modération et de m’autoriser à y publier.

## Passport

progress-title = 🎒 Votre passeport { $destination }
    Lieux visités : { $visited } sur { $total } · missions accomplies : { $score }
progress-unvisited = Encore à découvrir : { $spots }

## Rewards

reward-earned = 🎁 Bravo : { $tasks ->
        [one] une mission accomplie !
       *[other] { $tasks } missions accomplies !
    } Votre récompense : { $reward }.
    Montrez ce code : { $code }
progress-reward = 🎁 Votre récompense : { $reward }. Code : { $code }
progress-reward-used = 🎁 Récompense reçue le { $date }. Merci !
redeem-usage = Écrivez le code après la commande, par exemple : /redeem K7Q2-9XMA
redeem-unknown = ❌ « { $code } » n’est pas un code valide.
redeem-already = ❌ Ce code a déjà été utilisé le { $date }.
redeem-ok = ✅ Code valide (obtenu le { $date }). Il est désormais marqué comme utilisé.

## Statistics (office and partners)

stats-title = 📊 { $name } : les 7 derniers jours (entre parenthèses, les 7 précédents)
stats-line = { $label } : { $value }
stats-spot-opened = Premières visites de lieux
stats-tasks = Missions accomplies
stats-photo-shared = Photos partagées
stats-photo-consented = Photos avec consentement
stats-photo-approved = Photos validées
stats-postcard-sent = Cartes postales envoyées
stats-friend-arrived = Proches venus via une carte postale
stats-app = Installations de l’appli séjour (déclarées)
stats-review = Avis (déclarés)
stats-reward-earned = Récompenses obtenues
stats-reward-redeemed = Récompenses remises
stats-top-spots = Lieux les plus visités
stats-partners = Visiteurs venus via les partenaires
stats-period = Du { $from } au { $to } (jours UTC).
export-caption = Tous les chiffres, jour par jour : à ouvrir avec un tableur.
chart-title = Missions accomplies par jour — { $name }
chart-subtitle = Les { $days } derniers jours : { $total ->
    [one] { $total } mission accomplie
   *[other] { $total } missions accomplies
}
chart-empty = Aucune mission accomplie pour l’instant : les barres apparaîtront ici.
chart-day = { $day }/{ $month }
chart-caption = 📈 Missions accomplies par jour sur les { $days } derniers jours, mission par mission.
photo-short = Photo
review-short = Avis
postcard-short = Carte postale
hashtag-short = Hashtag
app-short = Appli séjour

## Language

lang-choose = Quelle langue préférez-vous ?
lang-set = 🇫🇷 C’est noté : désormais, je vous parle en français.

## Help, privacy, your data

help = Je suis le guide numérique de { $destination }. 🗺
    Scannez le QR code d’un lieu, ou partagez votre position, et je vous proposerai quelques petites missions sur place.

    /spots — les lieux près de vous
    /progress — votre passeport
    /lang — changer de langue
    /privacy — ce que nous conservons
    /myphotos — vos photos et vos autorisations
    /mydata — voir vos données
    /forget — effacer vos données
privacy = 🔒 Ce que nous conservons, et pourquoi
    • Les lieux que vous avez ouverts et les missions que vous y avez faites : pour afficher votre passeport.
    • La langue que vous avez choisie, si vous en avez choisi une.
    • Le partenaire (un hôtel, par exemple) dont vous avez suivi le lien pour arriver ici : pour que nos partenaires sachent que le service est utile.
    • Les photos que vous partagez : la référence du fichier chez Telegram, le lieu, les utilisations que vous avez autorisées, le crédit que vous avez choisi et la décision de l’office de tourisme. Vous pouvez modifier ou retirer votre consentement à tout moment avec /myphotos.
    • Les cartes postales que vous créez : leur code, le lieu et votre prénom, pour que votre proche sache de qui vient la carte.
    • Votre récompense et son code, si vous en obtenez une.
    Nous ne conservons ni votre numéro de téléphone, ni votre position (une position partagée sert uniquement à trouver le lieu le plus proche), ni aucun autre nom que ceux indiqués ci-dessus.
    /mydata affiche tout ce que nous conservons, /forget l’efface.
mydata-caption = Voici tout ce que nous conservons à votre sujet.
mydata-empty = Nous ne conservons rien à votre sujet pour le moment.
forget-confirm = Effacer tout ce que nous conservons à votre sujet (passeport, langue, partenaire, photos) ? C’est irréversible.
forget-yes = 🗑 Oui, effacer
forget-no = Non, garder
forget-done = C’est fait : tout ce qui vous concerne a été effacé. Au revoir, et revenez quand vous voulez !
forget-cancelled = Rien n’a été effacé.
forget-expired = Cette question a expiré : tapez de nouveau /forget pour effacer vos données.

## Unexpected messages

text-unexpected = Je suis plus à l’aise avec les boutons 🙂 Ouvrez un lieu avec /spots, ou consultez /help.
unsupported-message = Je ne sais pas lire ce type de message. Utilisez les boutons, ou consultez /help.
command-unknown = Je ne connais pas cette commande. Consultez /help pour voir ce que je sais faire.
group-leave = Je ne fonctionne qu’en discussion privée : je quitte donc ce groupe. Ouvrez une discussion avec moi pour commencer : { $link }
flood-slow-down = Une chose à la fois, s’il vous plaît : je réponds encore à vos messages précédents. Réessayez dans quelques secondes.
error-apology = Désolés, un problème est survenu de notre côté. Merci de réessayer dans un instant.

## Posters (escale posters): printed for each spot and partner, in the default language and in English

poster-spot-cta = { $tasks ->
        [one] Scannez-moi : { $tasks } minute, { $tasks } souvenir numérique de { $destination }
       *[other] Scannez-moi : { $tasks } minutes, { $tasks } souvenirs numériques de { $destination }
    }
poster-partner-cta = Scannez-moi : { $destination } dans votre poche pendant tout votre séjour
